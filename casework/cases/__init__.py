"""Cases: numbers, filing, queues, regulatory clocks, status workflows, work and reports."""

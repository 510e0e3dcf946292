"""Cases: numbers, routing, regulatory clocks, the business-day calendar and status workflows."""

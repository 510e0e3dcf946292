"""An honest benchmark corpus for field reading: forms drawn from layout families and frozen
wordings (development and held-out halves), degraded to scans and faxes, with their truth."""

"""The transportation desk: vendors, trips with offline mileage, vendor choice, authorizations
and mileage reimbursement."""

"""What leaves the workstation whole: the request as FHIR, the case file as one PDF."""

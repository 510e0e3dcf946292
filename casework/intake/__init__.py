"""Intake: taking files from watched folders, reading them in jobs, and recording the results."""

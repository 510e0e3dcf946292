"""The domain, with no screen. Sub-packages import downward only (tests/test_layers.py):

plan (rules, calendar, time zone) ← db ← audit ← directory ← forms ← cases ← intake ← documents
← letters, with small shared modules (errors, actor, permissions, settings, store, workspace)
below them. Every change of state is a service call that takes the acting person, checks the
permission and writes the change with its audit event in one transaction.
"""

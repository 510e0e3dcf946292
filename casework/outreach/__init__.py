"""Care coordination: the contact log with the plan's outreach rule, and referrals to
programs with their numbers, statuses, clock and attendance."""

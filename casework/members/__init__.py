"""A member across cases: the roster's details with every case, document, letter, contact and
referral."""

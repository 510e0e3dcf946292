"""The member and provider directory: roster import and matching forms against it."""

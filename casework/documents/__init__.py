"""Documents after intake: review, field verification, refiling, split and merge, pages, search."""

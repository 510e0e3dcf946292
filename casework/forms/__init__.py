"""Forms: which form a document is, its fields, whether they are valid, and what is missing."""

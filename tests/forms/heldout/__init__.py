"""A held-out form generator: layouts and wordings the extractor was not developed against."""

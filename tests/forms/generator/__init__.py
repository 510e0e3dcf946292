"""Synthetic filled forms of every type, in several layouts, wordings and image qualities."""

"""Package data: found through importlib.resources, in a checkout, a wheel or a bundle."""

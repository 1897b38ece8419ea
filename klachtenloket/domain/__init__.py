"""Domain rules of Klachtenloket: plain Python, no Flask."""

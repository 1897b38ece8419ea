"""Klachtenloket: complaints handling for Dutch social-services organisations."""

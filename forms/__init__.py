"""WTForms classes; every label, hint and message through lazy_gettext."""

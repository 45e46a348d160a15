"""netlib: see, tend and weave your professional network."""

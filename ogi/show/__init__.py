"""``ogi show``: one report laid out as printed, beside its source, for spot checks (terminal, JSON, HTML)."""

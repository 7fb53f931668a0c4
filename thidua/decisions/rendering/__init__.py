"""Print files of decisions: the attached list, the payment list, the certificates (WeasyPrint)."""

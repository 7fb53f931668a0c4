"""Services of the online public service: citizens' accounts, applications, intake and results."""

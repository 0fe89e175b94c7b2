"""Domain models shared by every document type: partnership, members, projects, money."""

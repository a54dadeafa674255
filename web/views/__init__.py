"""Server-rendered pages, split by area; web/urls.py maps them."""

"""`uvicorn kinerja.asgi:app`: the application configured from the environment."""

from .app import create_app

app = create_app()

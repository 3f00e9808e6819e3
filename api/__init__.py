"""API: settings, composition, the build, the Typer CLI and the FastAPI app."""

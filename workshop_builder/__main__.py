"""Allow `python -m workshop_builder`."""

from .cli import main

if __name__ == "__main__":  # pragma: no cover
    main()

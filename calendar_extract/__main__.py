"""`python -m calendar_extract` runs the command line."""

from calendar_extract.cli import main

if __name__ == "__main__":
    main()

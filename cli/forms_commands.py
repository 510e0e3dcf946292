"""`main.py forms print`: the plan's printable blank forms, regenerated as PDFs."""

from __future__ import annotations

import argparse
from pathlib import Path

from casework.errors import UserError
from casework.forms.form_code import LANGUAGES
from casework.forms.print_wording import forms_root
from casework.forms.printable import write_blank_forms
from casework.plan.rulebook import load_rulebook
from cli.context import CommandContext


def bundled_pdf_folder() -> Path:
    """Where the blank forms that ship with the program are kept."""
    return Path(str(forms_root() / "pdf"))


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    forms = subparsers.add_parser("forms", help="the plan's printable blank forms",
                                  parents=[common])
    actions = forms.add_subparsers(dest="forms_action", required=True, metavar="ACTION")
    printing = actions.add_parser(
        "print", parents=[common],
        help="write every blank form as a PDF (<form>.<language>.pdf), with the plan's fax "
        "number from the settings",
    )
    printing.add_argument("--out", type=Path, default=None, metavar="DIR",
                          help="folder to write into (default: the forms shipped with the "
                          "program, resources/forms/pdf)")
    printing.add_argument("--lang", choices=LANGUAGES, default=None,
                          help="only this language (default: English and Spanish)")
    printing.set_defaults(handler=_print)


def _print(args: argparse.Namespace, ctx: CommandContext) -> int:
    folder: Path = args.out or bundled_pdf_folder()
    languages = (args.lang,) if args.lang else LANGUAGES
    # The rules alone, not the workspace: printing blank forms needs no database.
    rulebook = load_rulebook(ctx.settings.rules_folder)
    try:
        written = write_blank_forms(folder, rulebook, languages, ctx.settings.plan)
    except OSError as error:
        raise UserError(f"The blank forms cannot be written to {folder} "
                        f"({error.strerror or error}). Give another folder with --out.") from error
    for form in written:
        pages = "page" if form.pages == 1 else "pages"
        print(f"{form.path}  ({form.pages} {pages})")
    print(f"{len(written)} blank forms written to {folder}.")
    return 0

"""`main.py export --as USER fhir CASE --out FILE.json`: a request as other systems read it."""

from __future__ import annotations

import argparse
from pathlib import Path

from casework.cases.lookup import get_case_by_number
from casework.exports.fhir_export import export_fhir_claim
from cli.context import CommandContext, signed_in


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    export = subparsers.add_parser("export", help="write a case for another system",
                                   parents=[common])
    formats = export.add_subparsers(dest="export_format", required=True, metavar="FORMAT")
    fhir = formats.add_parser(
        "fhir", parents=[common],
        help="a prior authorization request as a FHIR R4 Bundle (Da Vinci PAS request)")
    fhir.add_argument("case", metavar="CASE", help="case number, e.g. PA-2026-000123")
    fhir.add_argument("--out", type=Path, help="file to write (default: CASE.fhir.json)")
    fhir.set_defaults(handler=_fhir)


def _fhir(args: argparse.Namespace, ctx: CommandContext) -> int:
    actor = signed_in(ctx, args)
    with ctx.workspace.db.read() as session:
        case_id = get_case_by_number(session, args.case).id
    out = args.out or Path(f"{args.case.upper()}.fhir.json")
    done = export_fhir_claim(ctx.workspace, actor, ctx.settings.plan, case_id, out)
    print(f"Wrote {done.case_number} as a FHIR prior-authorization request ({done.items} "
          f"service line{'s' if done.items != 1 else ''}, {done.diagnoses} diagnos"
          f"{'es' if done.diagnoses != 1 else 'is'}) to {out}.")
    return 0

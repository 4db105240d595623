"""The personal-data access log (ENS accountability): who viewed, downloaded or
exported someone else's evaluation, training record, survey comments or an
export, when and with which role. Append-only; read by the DPD."""

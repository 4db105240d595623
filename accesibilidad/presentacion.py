"""The statement as the public page shows it: its strings in the citizen's
language with the dates and figures filled in."""

from datetime import date

from . import declaracion as d


def _fecha(valor: date | None) -> str:
    return f"{valor:%d/%m/%Y}" if valor else "—"


def para_pagina(dec: d.Declaracion, t: dict[str, str], idioma: str) -> dict:
    paginas = [
        {
            "pagina": p.pagina,
            "titulo": p.titulo,
            "comprobaciones": p.comprobaciones,
            "resultado": (
                t["con_fallos"].replace("{reglas}", ", ".join(p.reglas))
                if p.reglas
                else t["sin_fallos"]
            ),
            "con_fallos": bool(p.reglas),
            "fecha": _fecha(p.fecha),
        }
        for p in dec.paginas
    ]
    infracciones = [
        {
            "criterios": ", ".join(i.criterios) or "—",
            "ayuda": i.ayuda,
            "detectado": t["detectado"]
            .replace("{regla}", i.regla)
            .replace("{impacto}", t.get(f"impacto_{i.impacto}", i.impacto or "—")),
            "paginas": i.paginas,
        }
        for i in dec.infracciones
    ]
    categorias = []
    for categoria in d.CATEGORIAS:
        excepciones = [
            {
                "pagina": e.pagina,
                "criterio": e.criterio,
                "descripcion": e.descripcion_en(idioma),
                "prevista": _fecha(e.correccion_prevista)
                if e.correccion_prevista
                else "",
            }
            for e in dec.excepciones[categoria]
        ]
        categorias.append(
            {
                "codigo": categoria,
                "titulo": t[categoria],
                "excepciones": excepciones,
                "infracciones": infracciones
                if categoria == d.FALTA_DE_CONFORMIDAD
                else [],
            }
        )
    return {
        "estado": dec.estado,
        "estado_texto": t[f"estado_{dec.estado}"],
        "categorias": categorias,
        "hay_no_accesible": bool(dec.infracciones or dec.total_excepciones),
        "paginas": paginas,
        "preparada": t["preparada"].replace("{preparada}", _fecha(dec.preparada_el)),
        "metodo": t["metodo"].replace("{axe}", dec.axe or ""),
        "evaluada": (
            t["evaluada"]
            .replace("{evaluada}", _fecha(dec.evaluada_el))
            .replace("{comprobaciones}", str(dec.comprobaciones))
            if dec.evaluada_el
            else ""
        ),
        "revisada": t["revisada"].replace("{revisada}", _fecha(dec.revisada_el)),
    }

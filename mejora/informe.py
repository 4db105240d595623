"""The continuous-improvement report: gather the figures once into a JSON snapshot
(stored in the Informe row), then render that snapshot with ONE template for the
HTML page and the PDF. Same data → same figures: every list is explicitly
ordered, and the only date not taken from the data is the issue date."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from comun import graficos
from organizacion.models import Canal, Empleado, Oficina, Servicio

from . import analisis, selectors
from .app_settings import sitio
from .models import (
    AccionMejora,
    Ambito,
    Autoevaluacion,
    Hallazgo,
    Informe,
    PlanMejora,
    ValorIndicador,
)
from .periodos import Periodo


def _r(v, d=1):
    """Rounded half up, as the pages' floatformat does: round() goes to the even
    digit on ties, and 61 of 80 (76.25) would read 76,2 here and 76,3 there."""
    if v is None:
        return None
    paso = Decimal(1).scaleb(-d)
    return float(Decimal(repr(float(v))).quantize(paso, ROUND_HALF_UP))


def _tarjeta(t: dict) -> dict:
    visibles = t["tendencia"]
    # Control-chart indices refer to the whole history; the chart shows its tail.
    inicio = selectors.HISTORIA - len(visibles)
    senales_visibles = [i - inicio for i in t["control"]["fuera"] if i >= inicio]
    previo, anio_ant = t["previo"] or {}, t["anio_anterior"] or {}
    return {
        "codigo": t["codigo"],
        "nombre": t["nombre"],
        "unidad": t["unidad"],
        "direccion": t["direccion"],
        "valor": _r(t["valor"]),
        "n": t["n"],
        "ic_inf": _r(t["ic_inf"]),
        "ic_sup": _r(t["ic_sup"]),
        "muestra": t["muestra"],
        "fuente_disponible": t["fuente_disponible"],
        "objetivo": _r(t["objetivo"]),
        "umbral": _r(t["umbral"]),
        "semaforo": t["semaforo"],
        "previo": _r(previo.get("valor")),
        "previo_n": previo.get("n") or 0,
        "anio_anterior": _r(anio_ant.get("valor")),
        "anio_anterior_n": anio_ant.get("n") or 0,
        "cambio": _r(t["cambio"]),
        "cambio_significativo": t["cambio_significativo"],
        "senal": t["senal"],
        "racha": t["control"]["racha"],
        "tendencia": [[p, _r(v)] for p, v in visibles],
        "tendencia_valida": t["tendencia_valida"],
        "svg": graficos.tendencia(
            [(p, v) for p, v in visibles],
            objetivo=t["objetivo"],
            senales=set(senales_visibles),
            titulo=_("Tendencia de %(n)s") % {"n": t["nombre"]},
        )
        if t["tendencia_valida"]
        else "",
    }


def _celda(c: dict, t: dict) -> dict:
    """One office or channel of a comparison. `por_debajo` only when its whole
    95 % interval lies on the wrong side of the target or of the organisation's
    value: a difference that chance does not explain."""
    visible = c["muestra"] == analisis.SUFICIENTE and not c.get("suprimida")
    ic_inf, ic_sup = (c["ic_inf"], c["ic_sup"]) if visible else (None, None)
    por_debajo = False
    if visible and ic_inf is not None and ic_sup is not None:
        extremo = ic_sup if t["direccion"] == "mayor" else ic_inf
        referencias = [r for r in (t["objetivo"], t["valor"]) if r is not None]
        por_debajo = any(
            not analisis.mejor(extremo, r, t["direccion"]) for r in referencias
        )
    return {
        "nombre": c["nombre"],
        "valor": _r(c["valor"]) if visible else None,
        "n": c["n"],
        "ic_inf": _r(ic_inf),
        "ic_sup": _r(ic_sup),
        "muestra": c["muestra"] if not c.get("suprimida") else analisis.INSUFICIENTE,
        "por_debajo": por_debajo,
    }


def _areas(tarjetas_raw, periodo: Periodo, clave: str) -> tuple[list, list]:
    """Strengths and areas of the report's own scope: the findings recorded for
    it (management may have edited them), plus those its figures suggest for
    indicators without a recorded finding, so an office below its target always
    shows up."""
    registrados = list(selectors.hallazgos(periodo.clave, clave))
    con_hallazgo = set(
        Hallazgo.objects.filter(periodo=periodo.clave, ambito_clave=clave)
        .exclude(indicador=None)
        .values_list("indicador_id", flat=True)
    )
    fortalezas = [h.texto for h in registrados if h.tipo == Hallazgo.Tipo.FORTALEZA]
    areas = [h.texto for h in registrados if h.tipo == Hallazgo.Tipo.AREA]
    for t in tarjetas_raw:
        if t["indicador"].pk in con_hallazgo:
            continue
        propuesta = analisis.hallazgo_de(t)
        if propuesta:
            (fortalezas if propuesta[0] == analisis.FORTALEZA else areas).append(
                propuesta[1]
            )
    return fortalezas[:5], areas[:5]


def reunir_datos(
    informe: Informe, *, hoy: date, progreso=lambda pct, etapa: None
) -> dict:
    periodo = Periodo.de(informe.periodo)
    clave = informe.ambito_clave
    oficina_ids = [informe.oficina_id] if informe.ambito == Ambito.OFICINA else None
    canal = informe.canal or None

    progreso(10, _("Indicadores y tendencias"))
    tarjetas_raw = selectors.analisis_indicadores(periodo, clave)
    tarjetas = [_tarjeta(t) for t in tarjetas_raw]
    por_codigo = {t["codigo"]: t for t in tarjetas}
    # Channel and office comparison for the key indicators (organisation scope
    # only): offices in name order with n and interval, never ranked; a cell
    # below its minimum n (or suppressed) shows no figure.
    comparaciones = {}
    if informe.ambito == Ambito.ORGANIZACION:
        for t in tarjetas_raw:
            if t["indicador"].clave:
                seg = selectors.segmentacion(t["indicador"], periodo)
                comparaciones[t["codigo"]] = {
                    "canales": [_celda(c, t) for c in seg["canales"]],
                    "oficinas": sorted(
                        (_celda(o, t) for o in seg["oficinas"]),
                        key=lambda o: o["nombre"],
                    ),
                }
    for codigo, comp in comparaciones.items():
        por_codigo[codigo]["comparacion"] = comp

    progreso(25, _("Perfil de la organización y cartas de servicios"))
    canales = (
        list(Canal.objects.order_by("orden").values_list("nombre", flat=True))
        if not canal
        else [Canal.objects.get(codigo=canal).nombre]
    )
    empleados = Empleado.objects.activos()
    if oficina_ids:
        empleados = empleados.filter(oficina_id__in=oficina_ids)
    # Survey volumes of the scope itself: per channel for the organisation, the
    # office's or the channel's own row otherwise.
    csat = ValorIndicador.objects.filter(
        indicador__codigo="csat", periodo=periodo.clave
    )
    if informe.ambito == Ambito.ORGANIZACION:
        volumenes = list(
            csat.filter(ambito=Ambito.CANAL).order_by("canal").values_list("canal", "n")
        )
    else:
        volumenes = [
            (informe.nombre_ambito, n)
            for n in csat.filter(ambito_clave=clave).values_list("n", flat=True)
        ]
    cartas = []
    for carta in selectors.cartas_vigentes(periodo.hasta):
        if (
            informe.ambito != Ambito.ORGANIZACION
            and carta.oficina_id
            and carta.oficina_id != informe.oficina_id
        ):
            continue  # another office's carta says nothing about this scope
        c = selectors.cumplimiento_carta(carta, anio=periodo.anio, hoy=hoy)
        cartas.append(
            {
                "nombre": carta.nombre,
                "responsable": carta.responsable,
                "trimestres": c["trimestres"],
                "provisional": c["provisional"],
                # An organisation-wide carta is measured on the whole
                # organisation, whatever the report's scope: say so.
                "de_la_organizacion": informe.ambito != Ambito.ORGANIZACION
                and not carta.oficina_id,
                "compromisos": [
                    {
                        "texto": f["compromiso"].texto,
                        "indicador": f["compromiso"].indicador.nombre,
                        "unidad": f["compromiso"].indicador.unidad,
                        "objetivo": _r(f["compromiso"].objetivo),
                        "anual": f["anual"],
                        "celdas": [
                            {
                                "periodo": x["periodo"],
                                "valor": _r(x["valor"]),
                                "n": x["n"],
                                "estado": x["estado"],
                                "en_curso": x["en_curso"],
                                "causa": x["causa"],
                                "acciones": [a.titulo for a in x["acciones"]],
                            }
                            for x in f["celdas"]
                        ],
                    }
                    for f in c["filas"]
                ],
            }
        )
    perfil = {
        "servicios": list(
            Servicio.objects.filter(activo=True)
            .order_by("nombre")
            .values_list("nombre", flat=True)
        ),
        # Services are catalogued for the whole organisation only.
        "servicios_de_la_organizacion": informe.ambito != Ambito.ORGANIZACION,
        "canales": canales,
        "oficinas": Oficina.objects.filter(activa=True).count()
        if not oficina_ids
        else 1,
        "personas": empleados.count(),
        "volumenes": [{"canal": c, "respuestas": n} for c, n in volumenes],
        "cartas": [c["nombre"] for c in cartas],
    }

    progreso(40, _("Autoevaluación"))
    autoeval = Autoevaluacion.objects.filter(
        modelo=informe.modelo,
        ambito=informe.ambito,
        oficina=informe.oficina,
        canal=informe.canal,
        periodo__lte=periodo.clave,
    ).prefetch_related("miembros")
    autoevaluaciones = list(autoeval.order_by("-periodo", "-pk")[:2])
    autoevaluacion = None
    if autoevaluaciones:
        a = autoevaluaciones[0]
        p = selectors.puntuacion_modelo(a)
        anterior = (
            selectors.puntuacion_modelo(autoevaluaciones[1])
            if len(autoevaluaciones) > 1
            else None
        )
        previos = (
            {x["criterio"].identificador: x for x in anterior["criterios"]}
            if anterior
            else {}
        )
        disp = {c["subcriterio"].identificador: c for c in selectors.consenso(a)}
        autoevaluacion = {
            "titulo": a.titulo,
            "periodo": a.periodo,
            "estado": a.get_estado_display(),
            "equipo": sorted(m.get_full_name() or m.username for m in a.miembros.all()),
            "total": _r(p["total"]),
            "maximo": p["maximo"],
            "completo": p["completo"],
            "puntuados": p["puntuados"],
            "subcriterios": p["subcriterios"],
            "total_anterior": _r(anterior["total"]) if anterior else None,
            "criterios": [
                {
                    "identificador": x["criterio"].identificador,
                    "titulo": x["criterio"].titulo,
                    "puntos_max": x["criterio"].puntos,
                    "porcentaje": _r(x["porcentaje"]),
                    "puntos": _r(x["puntos"]),
                    "anterior": _r(previos[x["criterio"].identificador]["porcentaje"])
                    if x["criterio"].identificador in previos
                    else None,
                    "partes": [
                        {
                            "identificador": s["subcriterio"].identificador,
                            "titulo": s["subcriterio"].titulo,
                            "puntuacion": s["final"].puntuacion if s["final"] else None,
                            "evidencias": s["final"].evidencias if s["final"] else "",
                            "fuertes": s["final"].puntos_fuertes if s["final"] else "",
                            "areas": s["final"].areas_mejora if s["final"] else "",
                            "individuales": [
                                x2["puntuacion"]
                                for x2 in disp[s["subcriterio"].identificador][
                                    "individuales"
                                ]
                            ]
                            if s["subcriterio"].identificador in disp
                            else [],
                            "dispersion": disp[s["subcriterio"].identificador][
                                "dispersion"
                            ]
                            if s["subcriterio"].identificador in disp
                            else None,
                        }
                        for s in x["partes"]
                    ],
                }
                for x in p["criterios"]
            ],
        }
        autoevaluacion["svg"] = graficos.barras(
            [
                (c["identificador"], c["porcentaje"])
                for c in autoevaluacion["criterios"]
            ],
            # 340 units, like the trend: a 390 px phone draws it at its
            # intrinsic width, so the 11-unit text stays at least 10 px.
            ancho=340,
            titulo=_("Porcentaje por criterio"),
        )

    progreso(55, _("Análisis de causas entre módulos"))
    pistas = selectors.pistas_transversales(
        periodo, oficina_ids=oficina_ids, canal=canal
    )

    progreso(62, _("Plan de mejora y seguimiento"))
    fortalezas, areas = _areas(tarjetas_raw, periodo, clave)
    plan = (
        PlanMejora.objects.filter(anio__lte=periodo.anio)
        .order_by("-anio", "-pk")
        .first()
    )
    acciones, anterior = [], None
    if plan:
        for a in selectors.acciones_del_plan(plan):
            efecto = selectors.efecto_accion(a, hoy=hoy)
            acciones.append(_accion(a, efecto, periodo))
        if plan.plan_anterior_id:
            previas = selectors.acciones_del_plan(plan.plan_anterior)
            efectos = [selectors.efecto_accion(a, hoy=hoy) for a in previas]
            anterior = {
                "nombre": plan.plan_anterior.nombre,
                "total": len(previas),
                "cerradas": sum(
                    1 for a in previas if a.estado == AccionMejora.Estado.CERRADA
                ),
                "vencidas": sum(
                    1 for a in previas if a.abierta and a.fecha_fin < periodo.hasta
                ),
                # Cancelled actions have no effect (None): never effective.
                "eficaces": sum(
                    1 for e in efectos if e and e["mejora"] and e["significativo"]
                ),
                "acciones": [
                    _accion(a, e, periodo)
                    for a, e in zip(previas, efectos, strict=True)
                ],
            }
    estado_plan = {}
    for a in acciones:
        estado_plan[a["estado"]] = estado_plan.get(a["estado"], 0) + 1

    progreso(66, _("Anexo de método y calidad de los datos"))
    suprimidas = selectors.celdas_suprimidas(periodo.clave)
    return {
        "portada": {
            "unidad": informe.nombre_ambito,
            "periodo": periodo.clave,
            "desde": periodo.desde.strftime("%d/%m/%Y"),
            "hasta": periodo.hasta.strftime("%d/%m/%Y"),
            "tipo": informe.get_tipo_display(),
            "canales": canales,
            "canal_del_ambito": bool(canal),
            "modelo": f"{informe.modelo.nombre} {informe.modelo.version}",
            "equipo": autoevaluacion["equipo"] if autoevaluacion else [],
            "fecha_emision": hoy.strftime("%d/%m/%Y"),
            # A period that has not ended: partial figures, labelled "en curso".
            "en_curso": periodo.en_curso(hoy),
            "fecha_emision_iso": hoy.isoformat(),
            "organizacion": sitio.WAGTAIL_SITE_NAME,
        },
        "resumen": {
            "total": autoevaluacion["total"] if autoevaluacion else None,
            "puntuados": autoevaluacion["puntuados"] if autoevaluacion else None,
            "subcriterios": autoevaluacion["subcriterios"] if autoevaluacion else None,
            "total_anterior": autoevaluacion["total_anterior"]
            if autoevaluacion
            else None,
            "maximo": autoevaluacion["maximo"] if autoevaluacion else None,
            "fortalezas": fortalezas,
            "areas": areas,
            "plan": {
                "nombre": plan.nombre if plan else None,
                "acciones": len(acciones),
                "por_estado": sorted(estado_plan.items()),
            },
            "semaforos": {
                s: sum(1 for t in tarjetas if t["semaforo"] == s)
                for s in ("ok", "aviso", "mal", "neutro")
            },
        },
        "perfil": perfil,
        "resultados": tarjetas,
        "cartas": cartas,
        "autoevaluacion": autoevaluacion,
        "pistas": {
            "pistas": [
                {
                    **p,
                    "valor": _r(p["valor"]),
                    "media_organizacion": _r(p["media_organizacion"]),
                    "competencias": [
                        {
                            **c,
                            "nivel": _r(c["nivel"], 2),
                            "requerido": _r(c["requerido"], 2),
                            "cobertura": _r(c["cobertura"]),
                        }
                        for c in p["competencias"]
                    ],
                }
                for p in pistas["pistas"]
            ],
            "faltan": pistas["faltan"],
            "referencia": pistas.get("referencia", "organizacion"),
        },
        "plan": {"nombre": plan.nombre if plan else None, "acciones": acciones},
        # Plans and their effects are the organisation's, whatever the scope.
        "plan_de_la_organizacion": informe.ambito != Ambito.ORGANIZACION,
        "seguimiento": anterior,
        "anexo": {
            "indicadores": [
                {
                    "nombre": t["nombre"],
                    "n": t["n"],
                    "ic_inf": t["ic_inf"],
                    "ic_sup": t["ic_sup"],
                    "muestra": t["muestra"],
                    "fuente_disponible": t["fuente_disponible"],
                }
                for t in tarjetas
            ],
            "tasa_respuesta": por_codigo.get("tasa-respuesta", {}).get("valor"),
            "celdas_suprimidas": suprimidas,
        },
    }


def _accion(a: AccionMejora, efecto, periodo: Periodo) -> dict:
    return {
        "titulo": a.titulo,
        "area": a.area.texto if a.area else "",
        "indicador": a.indicador.nombre if a.indicador else "",
        "criterio": f"{a.criterio.modelo.codigo} {a.criterio.identificador}"
        if a.criterio
        else "",
        "causa": a.causa_raiz,
        "responsable": str(a.responsable)
        if a.responsable
        else (
            (a.responsable_usuario.get_full_name() or a.responsable_usuario.username)
            if a.responsable_usuario
            else ""
        ),
        "inicio": a.fecha_inicio.strftime("%d/%m/%Y"),
        "fin": a.fecha_fin.strftime("%d/%m/%Y"),
        "recursos": a.recursos,
        "impacto": a.impacto,
        "viabilidad": a.viabilidad,
        "prioridad": a.prioridad,
        "estado": a.get_estado_display(),
        "progreso": a.progreso,
        "verificacion": a.fecha_verificacion.strftime("%d/%m/%Y")
        if a.fecha_verificacion
        else "",
        "vencida": a.abierta and a.fecha_fin < periodo.hasta,
        "efecto": {k: (_r(v) if isinstance(v, float) else v) for k, v in efecto.items()}
        if efecto
        else None,
    }


def html(datos: dict) -> str:
    """The document (no page chrome) in the active language."""
    return render_to_string("mejora/informe_documento.html", {"d": datos})


def pdf(datos: dict) -> bytes:
    """The same document template as the page, in a print wrapper, in the
    site's language (a stored report is written in one language)."""
    # Imported here: WeasyPrint loads in the worker that renders, not in every
    # process that imports the report module (the web one does).
    from comun.pdf import pdf_de_plantilla

    return pdf_de_plantilla(
        "mejora/informe_pdf.html",
        {"d": datos, "para_pdf": True},
        idioma=settings.LANGUAGE_CODE,
    )

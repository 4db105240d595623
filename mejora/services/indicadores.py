"""Writes of the indicators: the rollup, targets and manual values."""

import csv
import io
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizacion.models import Canal, Oficina

from .. import analisis, fuentes, selectors
from ..models import (
    Ambito,
    Indicador,
    MetaIndicador,
    ValorIndicador,
    ValorManual,
    clave_ambito,
)
from ..periodos import Periodo
from .ambito import ambito_valido


def periodos_por_defecto(hoy: date, completo: bool = False) -> list[str]:
    """Nightly: the current and previous quarter and month. Complete: 8 quarters
    and 13 months (enough for trends and the same period last year)."""
    trimestre, mes = Periodo.trimestre_de(hoy), Periodo.mes_de(hoy)
    if completo:
        return [p.clave for p in trimestre.serie(9)] + [p.clave for p in mes.serie(13)]
    return [trimestre.anterior.clave, trimestre.clave, mes.anterior.clave, mes.clave]


def _manuales(indicadores, periodos) -> dict:
    return {
        (v.indicador_id, v.periodo, v.ambito_clave): v
        for v in ValorManual.objects.filter(
            indicador__in=indicadores, periodo__in=periodos
        )
    }


def recalcular_indicadores(
    *, periodos: list[str], codigos: list[str] | None = None
) -> int:
    """Recompute ValorIndicador for these periods: organisation, every active
    office and (for indicators segmented by channel) every channel. Upserts, so
    running it twice gives the same rows. Returns the number of rows written."""
    periodos_obj = [Periodo.de(p) for p in periodos]
    indicadores = list(selectors.indicadores_activos())
    if codigos:
        indicadores = [i for i in indicadores if i.codigo in codigos]
    oficinas = list(
        Oficina.objects.filter(activa=True).order_by("pk").values_list("pk", flat=True)
    )
    canales = list(Canal.objects.order_by("orden").values_list("codigo", flat=True))
    manuales = _manuales(indicadores, periodos)
    ahora = timezone.now()
    escritas = 0
    for ind in indicadores:
        ambitos = [(Ambito.ORGANIZACION, None, "")]
        ambitos += [(Ambito.OFICINA, o, "") for o in oficinas]
        if ind.por_canal:
            ambitos += [(Ambito.CANAL, None, c) for c in canales]
        filas = []
        for p in periodos_obj:
            for ambito, oficina_id, canal in ambitos:
                clave = clave_ambito(ambito, oficina_id, canal)
                if ind.selector == fuentes.MANUAL:
                    m = manuales.get((ind.pk, p.clave, clave))
                    r = (
                        {"valor": m.valor, "n": m.n, "ic_inf": None, "ic_sup": None}
                        if m
                        else {"valor": None, "n": 0, "ic_inf": None, "ic_sup": None}
                    )
                else:
                    r = fuentes.calcular(
                        ind.selector,
                        desde=p.desde,
                        hasta=p.hasta,
                        oficina_ids=[oficina_id] if oficina_id else None,
                        canal=canal or None,
                        parametros=ind.parametros,
                    )
                disponible = r is not None
                r = r or {"valor": None, "n": 0, "ic_inf": None, "ic_sup": None}
                filas.append(
                    ValorIndicador(
                        indicador=ind,
                        periodo=p.clave,
                        desde=p.desde,
                        hasta=p.hasta,
                        ambito=ambito,
                        oficina_id=oficina_id,
                        canal=canal,
                        ambito_clave=clave,
                        valor=r["valor"],
                        n=r["n"],
                        ic_inf=r["ic_inf"],
                        ic_sup=r["ic_sup"],
                        fuente_disponible=disponible,
                        calculado_en=ahora,
                    )
                )
        selectors.suprimir_valores(ind, filas)
        with transaction.atomic():
            ValorIndicador.objects.bulk_create(
                filas,
                batch_size=1000,
                update_conflicts=True,
                unique_fields=["indicador", "periodo", "ambito_clave"],
                update_fields=[
                    "desde",
                    "hasta",
                    "ambito",
                    "oficina",
                    "canal",
                    "valor",
                    "n",
                    "ic_inf",
                    "ic_sup",
                    "fuente_disponible",
                    "calculado_en",
                ],
            )
        escritas += len(filas)
    return escritas


@transaction.atomic
def fijar_meta(
    *,
    indicador: Indicador,
    anio: int,
    objetivo: float,
    umbral: float | None = None,
    trimestre: int = 0,
    ambito: str = Ambito.ORGANIZACION,
    oficina: Oficina | None = None,
    canal: str = "",
) -> MetaIndicador:
    ambito, oficina, canal = ambito_valido(ambito, oficina, canal)
    if umbral is not None and not analisis.mejor(objetivo, umbral, indicador.direccion):
        raise ValidationError(_("El umbral debe ser menos exigente que el objetivo."))
    meta = MetaIndicador.objects.filter(
        indicador=indicador,
        anio=anio,
        trimestre=trimestre,
        ambito_clave=clave_ambito(ambito, oficina.pk if oficina else None, canal),
    ).first() or MetaIndicador(indicador=indicador, anio=anio, trimestre=trimestre)
    meta.ambito, meta.oficina, meta.canal = ambito, oficina, canal
    meta.objetivo, meta.umbral = objetivo, umbral
    meta.ambito_clave = clave_ambito(ambito, oficina.pk if oficina else None, canal)
    meta.full_clean()
    meta.save()
    return meta


@transaction.atomic
def registrar_valor_manual(
    *,
    indicador: Indicador,
    periodo: str,
    valor: float,
    n: int = 1,
    ambito: str = Ambito.ORGANIZACION,
    oficina: Oficina | None = None,
    canal: str = "",
    nota: str = "",
    por=None,
) -> ValorManual:
    if indicador.fuente != Indicador.Fuente.MANUAL:
        raise ValidationError(
            _("Este indicador se calcula automáticamente; no admite valores manuales.")
        )
    Periodo.de(periodo)
    ambito, oficina, canal = ambito_valido(ambito, oficina, canal)
    clave = clave_ambito(ambito, oficina.pk if oficina else None, canal)
    obj = ValorManual.objects.filter(
        indicador=indicador, periodo=periodo, ambito_clave=clave
    ).first()
    obj = obj or ValorManual(indicador=indicador, periodo=periodo)
    obj.ambito, obj.oficina, obj.canal, obj.ambito_clave = ambito, oficina, canal, clave
    obj.valor, obj.n, obj.nota, obj.introducido_por = valor, n, nota, por
    obj.full_clean()
    obj.save()
    transaction.on_commit(lambda: _encolar_recalculo([periodo], [indicador.codigo]))
    return obj


def _encolar_recalculo(periodos, codigos=None):
    from ..tasks import recalcular_indicadores as tarea

    tarea.delay(periodos=periodos, codigos=codigos)


def encargar_recalculo(*, hoy: date) -> list[str]:
    """Queue the complete recomputation of the rollup (the periods of
    periodos_por_defecto(completo=True)) once the transaction commits."""
    periodos = periodos_por_defecto(hoy, completo=True)
    transaction.on_commit(lambda: _encolar_recalculo(periodos))
    return periodos


def importar_valores_csv(*, contenido: str, por=None) -> int:
    """CSV with header `indicador,periodo,valor,n,oficina` (oficina = DIR3 code or
    empty for the organisation). All or nothing: any bad row rejects the file."""
    lector = csv.DictReader(io.StringIO(contenido.lstrip("\ufeff")))
    faltan = {"indicador", "periodo", "valor"} - set(lector.fieldnames or [])
    if faltan:
        raise ValidationError(
            _("Faltan columnas: %(c)s") % {"c": ", ".join(sorted(faltan))}
        )
    oficinas = {o.codigo_dir3: o for o in Oficina.objects.all()}
    indicadores = {
        i.codigo: i for i in Indicador.objects.filter(fuente=Indicador.Fuente.MANUAL)
    }
    filas = []
    for numero, fila in enumerate(lector, start=2):
        try:
            indicador = indicadores[fila["indicador"].strip()]
        except KeyError:
            raise ValidationError(
                _("Línea %(n)d: indicador manual desconocido.") % {"n": numero}
            ) from None
        codigo_oficina = (fila.get("oficina") or "").strip()
        if codigo_oficina and codigo_oficina not in oficinas:
            raise ValidationError(
                _("Línea %(n)d: oficina desconocida.") % {"n": numero}
            )
        try:
            valor = float(fila["valor"].replace(",", "."))
            n = int(fila.get("n") or 1)
            Periodo.de(fila["periodo"].strip())
        except (ValueError, ValidationError):
            raise ValidationError(
                _("Línea %(n)d: valor, n o periodo no válidos.") % {"n": numero}
            ) from None
        filas.append(
            (indicador, fila["periodo"].strip(), valor, n, oficinas.get(codigo_oficina))
        )
    with transaction.atomic():
        for indicador, periodo, valor, n, oficina in filas:
            registrar_valor_manual(
                indicador=indicador,
                periodo=periodo,
                valor=valor,
                n=n,
                por=por,
                ambito=Ambito.OFICINA if oficina else Ambito.ORGANIZACION,
                oficina=oficina,
            )
    return len(filas)

"""Writes of the indicators: targets and manual values (the rollup: recalculo)."""

import csv
import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from organizacion.models import Oficina

from .. import analisis
from ..models import Ambito, Indicador, MetaIndicador, ValorManual, clave_ambito
from ..periodos import Periodo
from .ambito import ambito_valido
from .recalculo import encolar_recalculo


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
    encolar_recalculo([periodo], [indicador.codigo])
    return obj


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

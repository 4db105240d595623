"""Read queries about training, by subdomain.

- `cursos`: the contracts other apps use, the Wagtail pages' context, the
  catalogue;
- `mi_formacion`: an employee's own training, hours and training record;
- `equipo`: the supervisor's team matrix, status buckets and home panel;
- `indicadores`: course statistics and the indicators mejora reads;
- `certificados`: the public verification lookup.

Callers (and mejora's indicator sources, by name) import from
`formacion.selectors`; the names below are its public face.
"""

from .certificados import certificado_por_codigo, pdf_certificado_interrumpido
from .cursos import (
    COMPLETADAS,
    catalogo,
    certificado_emitido,
    contexto_curso,
    contexto_leccion,
    cursos_que_desarrollan,
    filas_de_intento,
    indice_de_cursos,
    lecciones_de,
    matricula_actual,
    progreso_matriculas,
)
from .equipo import (
    AL_DIA,
    CADUCA_30,
    CADUCA_60,
    CADUCADO,
    ETIQUETAS_ESTADO,
    NO_APLICA,
    ORDEN_ESTADO,
    ORIGENES_ASIGNADOS,
    SIN_FORMACION,
    ambito_del_equipo,
    cursos_del_equipo,
    cursos_obligatorios,
    equipo_ids_de,
    estado_formacion,
    formacion_del_equipo,
    formacion_externa_del_equipo,
    resumen_equipo,
)
from .indicadores import (
    cobertura_por_competencia,
    estadisticas_cursos,
    indicador_formacion_obligatoria_al_dia,
    indicador_horas_por_persona,
    indicador_tasa_aprobado,
)
from .mi_formacion import (
    estado_expediente,
    expediente,
    expediente_interrumpido,
    horas_por_anio,
    huella_expediente,
    mi_formacion,
)

__all__ = [
    "certificado_emitido",
    "filas_de_intento",
    "indice_de_cursos",
    "AL_DIA",
    "CADUCADO",
    "CADUCA_30",
    "CADUCA_60",
    "COMPLETADAS",
    "ETIQUETAS_ESTADO",
    "NO_APLICA",
    "ORDEN_ESTADO",
    "ORIGENES_ASIGNADOS",
    "SIN_FORMACION",
    "ambito_del_equipo",
    "catalogo",
    "certificado_por_codigo",
    "pdf_certificado_interrumpido",
    "cobertura_por_competencia",
    "contexto_curso",
    "contexto_leccion",
    "cursos_del_equipo",
    "cursos_obligatorios",
    "cursos_que_desarrollan",
    "equipo_ids_de",
    "estadisticas_cursos",
    "estado_expediente",
    "estado_formacion",
    "expediente",
    "expediente_interrumpido",
    "formacion_del_equipo",
    "formacion_externa_del_equipo",
    "horas_por_anio",
    "huella_expediente",
    "indicador_formacion_obligatoria_al_dia",
    "indicador_horas_por_persona",
    "indicador_tasa_aprobado",
    "lecciones_de",
    "matricula_actual",
    "mi_formacion",
    "progreso_matriculas",
    "resumen_equipo",
]

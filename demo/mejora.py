"""Demo data for mejora (runs after the other apps' demos). Idempotent and
deterministic: targets, manual values, a carta de servicios with its public page,
a CAF self-assessment with individual and consensus scores, the previous and the
current improvement plan with actions in several PDCA states, and the rollup."""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from mejora import services
from mejora.models import (
    AccionMejora,
    Autoevaluacion,
    CartaServicios,
    CartaServiciosPage,
    CartasIndexPage,
    Compromiso,
    Indicador,
    ModeloCalidad,
    PlanMejora,
    PuntuacionFinal,
    Subcriterio,
    ValorManual,
)
from mejora.periodos import Periodo
from organizacion.models import Empleado, Oficina

METAS = {  # código: (objetivo, umbral)
    "csat": (85, 75),
    "confianza": (80, 70),
    "eficacia": (80, 70),
    "alertas-en-plazo": (90, 80),
    "formacion-obligatoria": (95, 85),
    "cobertura-evaluacion": (90, 80),
    "tiempo-espera": (10, 15),
    "clima-laboral": (7.5, 6.5),
    "tasa-alegaciones": (5, 10),
}


def _escribir(stdout, texto):
    if stdout:
        stdout.write(texto)


def sembrar(stdout=None):
    rnd = random.Random(2026)
    hoy = timezone.localdate()
    actual = Periodo.trimestre_de(hoy)
    User = get_user_model()
    direccion = User.objects.filter(username="direccion").first()
    calidad = User.objects.filter(username="calidad").first()

    with transaction.atomic():
        for codigo, (objetivo, umbral) in METAS.items():
            ind = Indicador.objects.filter(codigo=codigo).first()
            if ind:
                for anio in {actual.anio, actual.anio - 1, actual.anio - 2}:
                    services.fijar_meta(
                        indicador=ind, anio=anio, objetivo=objetivo, umbral=umbral
                    )

        clima, espera = (
            Indicador.objects.get(codigo="clima-laboral"),
            Indicador.objects.get(codigo="tiempo-espera"),
        )
        for i, p in enumerate(actual.anterior.serie(8)):
            for ind, base, paso in ((clima, 6.6, 0.12), (espera, 16.0, -0.7)):
                if not ValorManual.objects.filter(
                    indicador=ind, periodo=p.clave, ambito_clave="organizacion"
                ).exists():
                    ValorManual.objects.create(
                        indicador=ind,
                        periodo=p.clave,
                        valor=round(base + paso * i + rnd.uniform(-0.2, 0.2), 1),
                        n=rnd.randint(150, 400),
                        nota="Demo",
                        introducido_por=calidad,
                    )

        carta, _ = CartaServicios.objects.get_or_create(
            codigo="atencion-ciudadania",
            defaults={
                "nombre": "Carta de servicios de atención a la ciudadanía",
                "responsable": "Dirección General de Atención a la Ciudadanía",
                "vigente_desde": date(actual.anio - 1, 1, 1),
            },
        )
        if not carta.compromisos.exists():
            for orden, (codigo, texto, objetivo, umbral) in enumerate(
                [
                    (
                        "csat",
                        "Al menos el 85 % de las personas atendidas "
                        "estarán satisfechas",
                        85,
                        75,
                    ),
                    (
                        "alertas-en-plazo",
                        "Contactaremos en 48 horas con quien valore mal "
                        "la atención (90 %)",
                        90,
                        80,
                    ),
                    (
                        "tiempo-espera",
                        "El tiempo medio de espera en oficina no superará 10 minutos",
                        10,
                        15,
                    ),
                ],
                1,
            ):
                Compromiso.objects.create(
                    carta=carta,
                    texto=texto,
                    indicador=Indicador.objects.get(codigo=codigo),
                    objetivo=objetivo,
                    umbral=umbral,
                    orden=orden,
                )

        caf = ModeloCalidad.objects.get(codigo="CAF", version="2020")
        ae = Autoevaluacion.objects.filter(
            modelo=caf, titulo="Autoevaluación CAF de la atención a la ciudadanía"
        ).first()
        if ae is None:
            miembros = [u for u in (direccion, calidad) if u]
            ae = services.crear_autoevaluacion(
                modelo=caf,
                titulo="Autoevaluación CAF de la atención a la ciudadanía",
                periodo=actual.anterior.clave,
                miembros=miembros,
            )
            for sub in Subcriterio.objects.filter(criterio__modelo=caf).order_by(
                "criterio__orden", "orden"
            ):
                base = rnd.randint(30, 70)
                for m in miembros:
                    services.puntuar(
                        autoevaluacion=ae,
                        miembro=m,
                        subcriterio=sub,
                        puntuacion=max(0, min(100, base + rnd.randint(-20, 20))),
                    )
            for sub in Subcriterio.objects.filter(
                criterio__modelo=caf, criterio__orden__in=[1, 3, 6, 9]
            ):
                PuntuacionFinal.objects.get_or_create(
                    autoevaluacion=ae,
                    subcriterio=sub,
                    defaults={
                        "puntuacion": rnd.randint(35, 65),
                        "evidencias": "Encuestas trimestrales, cuadro de mando "
                        "y actas del comité de calidad",
                        "puntos_fuertes": "Sistema de medida estable y publicado",
                        "areas_mejora": "Falta comparar con otras administraciones",
                    },
                )

        previo, _ = PlanMejora.objects.get_or_create(
            nombre=f"Plan de mejora {actual.anio - 1}", anio=actual.anio - 1
        )
        plan, _ = PlanMejora.objects.get_or_create(
            nombre=f"Plan de mejora {actual.anio}",
            anio=actual.anio,
            defaults={"plan_anterior": previo},
        )
        responsables = list(
            Empleado.objects.activos()
            .filter(usuario__groups__name="supervisor")
            .order_by("pk")[:3]
        ) or [None]
        acciones = [
            (
                previo,
                "Señalización y cita previa en oficinas con más espera",
                "tiempo-espera",
                "cerrada",
                100,
                -300,
                -120,
            ),
            (
                previo,
                "Guion de acogida para el canal telefónico",
                "confianza",
                "cancelada",
                20,
                -280,
                -150,
            ),
            (
                plan,
                "Formación en trato y comunicación clara",
                "csat",
                "hacer",
                45,
                -60,
                60,
            ),
            (
                plan,
                "Protocolo de contacto tras valoraciones bajas",
                "alertas-en-plazo",
                "verificar",
                80,
                -90,
                -5,
            ),
            (
                plan,
                "Refuerzo de la evaluación del desempeño en oficinas pequeñas",
                "cobertura-evaluacion",
                "planificar",
                0,
                10,
                150,
            ),
            (
                plan,
                "Revisión de la carta de servicios con participación ciudadana",
                "csat",
                "actuar",
                90,
                -120,
                20,
            ),
        ]
        for i, (p, titulo, codigo, estado, progreso, ini, fin) in enumerate(acciones):
            if AccionMejora.objects.filter(plan=p, titulo=titulo).exists():
                continue
            services.guardar_accion(
                accion=AccionMejora(
                    plan=p,
                    titulo=titulo,
                    indicador=Indicador.objects.get(codigo=codigo),
                    criterio=Indicador.objects.get(codigo=codigo)
                    .criterios.filter(modelo=caf)
                    .first(),
                    causa_raiz="Análisis del comité de calidad a partir de las "
                    "encuestas y los indicadores",
                    responsable=responsables[i % len(responsables)],
                    responsable_usuario=direccion if responsables[0] is None else None,
                    fecha_inicio=hoy + timedelta(days=ini),
                    fecha_fin=hoy + timedelta(days=fin),
                    recursos="Equipo de calidad y responsables de oficina",
                    impacto=rnd.randint(2, 5),
                    viabilidad=rnd.randint(2, 5),
                    estado=estado,
                    progreso=progreso,
                    periodo_antes=actual.desplazar(-3).clave,
                    periodo_despues=actual.anterior.clave,
                )
            )

    _pagina_publica(carta)
    _escribir(stdout, "mejora: recalculando indicadores…\n")
    services.recalcular_indicadores(
        periodos=[p.clave for p in actual.serie(9)]
        + [Periodo.mes_de(hoy).anterior.clave]
    )
    services.proponer_hallazgos(periodo=actual.anterior.clave)
    _escribir(
        stdout,
        f"mejora: {Oficina.objects.filter(activa=True).count()} oficinas, "
        "plan y carta de servicios listos.\n",
    )


def _pagina_publica(carta):
    sitio = Site.objects.filter(is_default_site=True).first()
    if sitio is None:
        return
    raiz = sitio.root_page
    indice = CartasIndexPage.objects.child_of(raiz).first()
    if indice is None:
        indice = raiz.add_child(
            instance=CartasIndexPage(title="Cartas de servicios", slug="cartas")
        )
    if not CartaServiciosPage.objects.filter(carta=carta).exists():
        indice.add_child(
            instance=CartaServiciosPage(
                title=carta.nombre, slug=carta.codigo, carta=carta
            )
        )

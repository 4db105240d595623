import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from organizacion.models import (
    Canal,
    Competencia,
    Empleado,
    NivelRequerido,
    Oficina,
    Puesto,
    Servicio,
)

__all__ = [
    "UsuarioFactory",
    "OficinaFactory",
    "ServicioFactory",
    "PuestoFactory",
    "EmpleadoFactory",
    "canal",
    "con_rol",
    "competencia",
]

CONTRASENA = "Prueba-segura-2026"


def canal(codigo: str) -> Canal:
    """Channels are loaded by a data migration."""
    return Canal.objects.get(codigo=codigo)


def competencia(codigo: str) -> Competencia:
    return Competencia.objects.get(codigo=codigo)


def con_rol(usuario, *roles: str):
    usuario.groups.add(*Group.objects.filter(name__in=roles))
    if hasattr(usuario, "_roles_ventanilla"):
        del usuario._roles_ventanilla
    return usuario


class UsuarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"usuario{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@ventanilla.example")
    first_name = factory.Faker("first_name", locale="es_ES")
    last_name = factory.Faker("last_name", locale="es_ES")
    password = factory.PostGenerationMethodCall("set_password", CONTRASENA)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if extracted:
            con_rol(self, *extracted)
        if create:
            self.save()


class OficinaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Oficina
        django_get_or_create = ("codigo_dir3",)
        skip_postgeneration_save = True

    codigo_dir3 = factory.Sequence(lambda n: f"O{10000000 + n:08d}")
    nombre = factory.Sequence(lambda n: f"Oficina de Atención a la Ciudadanía {n}")
    provincia = "28"
    municipio = "Madrid"

    @factory.post_generation
    def canales(self, create, extracted, **kwargs):
        if create:
            codigos = extracted if extracted is not None else ["presencial"]
            self.canales.set(Canal.objects.filter(codigo__in=codigos))


class ServicioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Servicio
        django_get_or_create = ("codigo",)

    codigo = factory.Sequence(lambda n: f"servicio-{n}")
    nombre = factory.Sequence(lambda n: f"Servicio {n}")


class PuestoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Puesto
        django_get_or_create = ("codigo",)
        skip_postgeneration_save = True

    codigo = factory.Sequence(lambda n: f"puesto-{n}")
    nombre = factory.Sequence(lambda n: f"Puesto {n}")

    @factory.post_generation
    def niveles(self, create, extracted, **kwargs):
        """niveles={"C1": 3, ...}; by default level 3 in every competency."""
        if not create:
            return
        niveles = extracted or {c.codigo: 3 for c in Competencia.objects.all()}
        for codigo, nivel in niveles.items():
            NivelRequerido.objects.update_or_create(
                puesto=self, competencia=competencia(codigo), defaults={"nivel": nivel}
            )


class EmpleadoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Empleado
        skip_postgeneration_save = True

    usuario = factory.SubFactory(UsuarioFactory, roles=["empleado"])
    identificador = factory.Sequence(lambda n: f"N{n:06d}")
    nombre = factory.LazyAttribute(lambda o: o.usuario.first_name or "Nombre")
    apellidos = factory.LazyAttribute(lambda o: o.usuario.last_name or "Apellidos")
    oficina = factory.SubFactory(OficinaFactory)
    puesto = factory.SubFactory(PuestoFactory)
    supervisor = None

    @factory.post_generation
    def canales(self, create, extracted, **kwargs):
        if create:
            codigos = extracted if extracted is not None else ["presencial"]
            self.canales.set(Canal.objects.filter(codigo__in=codigos))

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from auditoria import sql


def instalar_disparadores(apps, schema_editor):
    sql.instalar(schema_editor.connection)


def quitar_disparadores(apps, schema_editor):
    sql.quitar(schema_editor.connection)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("organizacion", "0005_rol_dpd"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AccesoDatos',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('fecha', models.DateTimeField(default=django.utils.timezone.now, verbose_name='fecha')),
                ('usuario_nombre', models.CharField(max_length=150, verbose_name='nombre de usuario')),
                ('roles', models.CharField(blank=True, max_length=200, verbose_name='roles')),
                ('accion', models.CharField(choices=[('ver', 'Ver'), ('descargar', 'Descargar'), ('exportar', 'Exportar')], max_length=12, verbose_name='acción')),
                ('categoria', models.CharField(choices=[('evaluacion', 'Evaluación'), ('alegacion', 'Alegación'), ('campana', 'Evaluaciones de una campaña'), ('expediente', 'Expediente formativo'), ('certificado', 'Certificado'), ('comentarios', 'Comentarios de encuestas'), ('alerta', 'Alerta con datos de contacto'), ('exportacion', 'Exportación'), ('registro', 'Registro de accesos')], max_length=20, verbose_name='categoría')),
                ('objeto_tipo', models.CharField(blank=True, max_length=100, verbose_name='tipo de objeto')),
                ('objeto_id', models.CharField(blank=True, max_length=64, verbose_name='id del objeto')),
                ('sujeto_identificador', models.CharField(blank=True, max_length=30, verbose_name='identificador de la persona')),
                ('ruta', models.CharField(max_length=500, verbose_name='ruta')),
                ('metodo', models.CharField(max_length=10, verbose_name='método')),
                ('sujeto', models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organizacion.empleado', verbose_name='persona')),
                ('usuario', models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='usuario')),
            ],
            options={
                'verbose_name': 'acceso a datos personales',
                'verbose_name_plural': 'accesos a datos personales',
                'ordering': ['-fecha', '-id'],
                'indexes': [models.Index(fields=['fecha', 'id'], name='acceso_fecha'), models.Index(fields=['usuario_nombre', 'fecha'], name='acceso_usuario'), models.Index(fields=['sujeto_identificador', 'fecha'], name='acceso_sujeto_ident'), models.Index(fields=['sujeto', 'fecha'], name='acceso_sujeto'), models.Index(fields=['categoria', 'fecha'], name='acceso_categoria')],
            },
        ),
        # Append-only in the database itself (auditoria/sql.py).
        migrations.RunPython(instalar_disparadores, quitar_disparadores),
    ]

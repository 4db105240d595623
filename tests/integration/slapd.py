"""A throw-away OpenLDAP server for the directory sign-in tests.

slapd (Debian's package) runs in the foreground on a free loopback port with a
config file and an mdb database in a temporary folder, loaded with `slapadd`
before it starts; the tests add and remove group members through python-ldap
as the directory's administrator.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

SLAPD = shutil.which("slapd") or "/usr/sbin/slapd"
SLAPADD = shutil.which("slapadd") or "/usr/sbin/slapadd"
BASE = "dc=ventanilla,dc=test"
ADMIN_DN = f"cn=admin,{BASE}"
ADMIN_CLAVE = "clave-del-directorio"
USUARIOS = f"ou=personas,{BASE}"
GRUPOS = f"ou=grupos,{BASE}"

CONFIGURACION = """\
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile {carpeta}/slapd.pid
database mdb
maxsize 10485760
suffix "{base}"
rootdn "{admin}"
rootpw {clave}
directory {carpeta}/datos
"""


def persona(uid: str, identificador: str, nombre: str, apellido: str, clave: str):
    return (
        f"dn: uid={uid},{USUARIOS}\n"
        "objectClass: inetOrgPerson\n"
        f"uid: {uid}\n"
        f"cn: {nombre} {apellido}\n"
        f"givenName: {nombre}\n"
        f"sn: {apellido}\n"
        f"mail: {uid}@ventanilla.test\n"
        f"employeeNumber: {identificador}\n"
        f"userPassword: {clave}\n"
    )


def grupo(cn: str, *uids: str) -> str:
    # groupOfNames needs at least one member: the administrator is always one,
    # so a test can empty a group of people.
    miembros = [ADMIN_DN] + [f"uid={uid},{USUARIOS}" for uid in uids]
    lineas = "".join(f"member: {dn}\n" for dn in miembros)
    return f"dn: cn={cn},{GRUPOS}\nobjectClass: groupOfNames\ncn: {cn}\n{lineas}"


def datos_iniciales() -> str:
    entradas = [
        f"dn: {BASE}\nobjectClass: dcObject\nobjectClass: organization\n"
        "dc: ventanilla\no: Ventanilla\n",
        f"dn: {USUARIOS}\nobjectClass: organizationalUnit\nou: personas\n",
        f"dn: {GRUPOS}\nobjectClass: organizationalUnit\nou: grupos\n",
        persona("ana", "E-001", "Ana", "Ruiz", "clave-de-ana"),
        persona("luis", "E-002", "Luis", "Gil", "clave-de-luis"),
        persona("sinficha", "E-999", "Sin", "Ficha", "clave-sin-ficha"),
        grupo("calidad", "ana"),
        grupo("jefaturas", "ana", "luis"),
        grupo("todos", "ana", "luis", "sinficha"),
    ]
    return "\n".join(entradas)


def puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Slapd:
    uri: str
    proceso: subprocess.Popen

    def conexion(self):
        import ldap

        conexion = ldap.initialize(self.uri)
        conexion.simple_bind_s(ADMIN_DN, ADMIN_CLAVE)
        return conexion

    def quitar_de_grupo(self, cn: str, uid: str) -> None:
        import ldap

        self.conexion().modify_s(
            f"cn={cn},{GRUPOS}",
            [(ldap.MOD_DELETE, "member", [f"uid={uid},{USUARIOS}".encode()])],
        )

    def anadir_a_grupo(self, cn: str, uid: str) -> None:
        import ldap

        self.conexion().modify_s(
            f"cn={cn},{GRUPOS}",
            [(ldap.MOD_ADD, "member", [f"uid={uid},{USUARIOS}".encode()])],
        )

    def parar(self) -> None:
        self.proceso.terminate()
        try:
            self.proceso.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proceso.kill()
            self.proceso.wait()


def arrancar(carpeta: Path) -> Slapd:
    """Start slapd on a free loopback port; return once it answers a bind."""
    (carpeta / "datos").mkdir(parents=True)
    configuracion = carpeta / "slapd.conf"
    configuracion.write_text(
        CONFIGURACION.format(
            carpeta=carpeta, base=BASE, admin=ADMIN_DN, clave=ADMIN_CLAVE
        )
    )
    ldif = carpeta / "datos.ldif"
    ldif.write_text(datos_iniciales())
    subprocess.run(
        [SLAPADD, "-f", str(configuracion), "-l", str(ldif)],
        check=True,
        capture_output=True,
    )
    uri = f"ldap://127.0.0.1:{puerto_libre()}"
    # -d 0: stays in the foreground (no fork), so the test owns the process.
    proceso = subprocess.Popen(
        [SLAPD, "-f", str(configuracion), "-h", uri + "/", "-d", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    servidor = Slapd(uri=uri, proceso=proceso)
    limite = time.monotonic() + 20
    while True:
        try:
            servidor.conexion().unbind_s()
            return servidor
        except Exception:
            if proceso.poll() is not None or time.monotonic() > limite:
                servidor.parar()
                error = proceso.stderr.read().decode(errors="replace")
                raise RuntimeError(f"slapd no arrancó: {error}") from None
            time.sleep(0.1)

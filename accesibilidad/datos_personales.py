"""accesibilidad's part of an employee's data export (see organizacion.proteccion_datos):
a communication names the employee who answered it, nothing else about them."""

REFERENCIAS = ("accesibilidad.Comunicacion.cerrada_por",)
SECCIONES = ()

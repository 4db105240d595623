"""Values the test process and the workers it starts must share."""

# The key of the contact hashes in tests, not the one generated in var/.
CLAVE_CONTACTO_PRUEBAS = "clave-de-contacto-solo-para-las-pruebas-0001"

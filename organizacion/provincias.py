"""Spanish provinces with their INE codes (the list DIR3 and the INE use)."""

PROVINCIAS = {
    "01": "Araba/Álava",
    "02": "Albacete",
    "03": "Alicante/Alacant",
    "04": "Almería",
    "05": "Ávila",
    "06": "Badajoz",
    "07": "Illes Balears",
    "08": "Barcelona",
    "09": "Burgos",
    "10": "Cáceres",
    "11": "Cádiz",
    "12": "Castellón/Castelló",
    "13": "Ciudad Real",
    "14": "Córdoba",
    "15": "A Coruña",
    "16": "Cuenca",
    "17": "Girona",
    "18": "Granada",
    "19": "Guadalajara",
    "20": "Gipuzkoa",
    "21": "Huelva",
    "22": "Huesca",
    "23": "Jaén",
    "24": "León",
    "25": "Lleida",
    "26": "La Rioja",
    "27": "Lugo",
    "28": "Madrid",
    "29": "Málaga",
    "30": "Murcia",
    "31": "Navarra",
    "32": "Ourense",
    "33": "Asturias",
    "34": "Palencia",
    "35": "Las Palmas",
    "36": "Pontevedra",
    "37": "Salamanca",
    "38": "Santa Cruz de Tenerife",
    "39": "Cantabria",
    "40": "Segovia",
    "41": "Sevilla",
    "42": "Soria",
    "43": "Tarragona",
    "44": "Teruel",
    "45": "Toledo",
    "46": "Valencia/València",
    "47": "Valladolid",
    "48": "Bizkaia",
    "49": "Zamora",
    "50": "Zaragoza",
    "51": "Ceuta",
    "52": "Melilla",
}
PROVINCIA_CHOICES = sorted(PROVINCIAS.items(), key=lambda item: item[1])


def codigo_provincia(valor: str) -> str | None:
    """Accepts an INE code ("28") or a name ("Madrid", "madrid") and returns the code."""
    valor = (valor or "").strip()
    if valor.zfill(2) in PROVINCIAS and valor.isdigit():
        return valor.zfill(2)
    normalizado = valor.casefold()
    for codigo, nombre in PROVINCIAS.items():
        if normalizado == nombre.casefold() or normalizado in nombre.casefold().split(
            "/"
        ):
            return codigo
    return None

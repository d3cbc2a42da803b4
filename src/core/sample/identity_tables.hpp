#pragma once
// What the generated identities are drawn from (identity.cpp): first names and surnames,
// Spanish cities, streets and places, lines of business, the Latin American countries' own
// ways, mail domains and banks. Data only, included by identity.cpp alone.
#include "core/sample/identity.hpp"

#include <cstdint>
#include <iterator>

namespace recobra::gen::tables {

// --- names ---------------------------------------------------------------------------------

// Spanish first names, women's then men's; then those of foreign residents (people with a NIE).
constexpr const char* kWomen[] = {
    "María",    "Carmen",   "Ana",     "Isabel",     "Laura",   "Marta",      "Lucía",   "Cristina",
    "Elena",    "Paula",    "Sara",    "Raquel",     "Pilar",   "Rosa",       "Beatriz", "Silvia",
    "Patricia", "Nuria",    "Teresa",  "Mercedes",   "Alba",    "Irene",      "Andrea",  "Julia",
    "Sonia",    "Rocío",    "Eva",     "Montserrat", "Natalia", "Inmaculada", "Yolanda", "Amparo",
    "Begoña",   "Noelia",   "Lorena",  "Marina",     "Alicia",  "Verónica",   "Esther",  "Ainhoa",
    "Nerea",    "Sofía",    "Claudia", "Miriam",     "Gloria",  "Susana",     "Ángela",  "Encarnación",
    "Remedios", "Guadalupe"};
constexpr const char* kMen[] = {
    "José",   "Antonio",   "Manuel",  "Francisco", "David",   "Juan",     "Javier",    "Daniel",   "Carlos",
    "Jesús",  "Alejandro", "Miguel",  "Rafael",    "Pablo",   "Pedro",    "Sergio",    "Fernando", "Jorge",
    "Luis",   "Alberto",   "Álvaro",  "Adrián",    "Diego",   "Raúl",     "Iván",      "Rubén",    "Enrique",
    "Óscar",  "Andrés",    "Ramón",   "Vicente",   "Joaquín", "Santiago", "Víctor",    "Eduardo",  "Roberto",
    "Jaime",  "Mario",     "Ignacio", "Alfonso",   "Marcos",  "Hugo",     "Guillermo", "Salvador", "Gonzalo",
    "Emilio", "Julián",    "Tomás",   "Agustín",   "Íñigo"};
constexpr const char* kForeignWomen[] = {"Fatima", "Mihaela", "Giulia", "Olena", "Aicha", "Ioana"};
constexpr const char* kForeignMen[] = {"Mohamed", "Youssef", "Ion",    "Andrei", "João",
                                       "Luca",    "Wei",     "Dmytro", "Karim"};
constexpr std::uint16_t kSpanishFirstNames = 100;
constexpr std::uint16_t kAllFirstNames = 100 + std::size(kForeignWomen) + std::size(kForeignMen);

struct FirstName {
    const char* name;
    bool female;
};

inline FirstName firstNameAt(std::uint16_t index) {
    index = static_cast<std::uint16_t>(index % kAllFirstNames);
    if (index < 50) return {kWomen[index], true};
    if (index < 100) return {kMen[index - 50], false};
    if (index < 100 + std::size(kForeignWomen)) return {kForeignWomen[index - 100], true};
    return {kForeignMen[index - 100 - std::size(kForeignWomen)], false};
}

constexpr const char* kSurnames[] = {
    "García",  "Martínez", "López",     "Sánchez", "González", "Gómez",      "Fernández",  "Moreno",
    "Jiménez", "Pérez",    "Rodríguez", "Navarro", "Ruiz",     "Díaz",       "Serrano",    "Hernández",
    "Muñoz",   "Sáez",     "Romero",    "Rubio",   "Alfaro",   "Molina",     "Lozano",     "Castillo",
    "Picazo",  "Ortega",   "Morales",   "Ortiz",   "Delgado",  "Torres",     "Marín",      "Domínguez",
    "Gil",     "Vázquez",  "Ramos",     "Castro",  "Iglesias", "Garrido",    "Peña",       "Blanco",
    "Cano",    "Medina",   "Sanz",      "Cortés",  "Núñez",    "Méndez",     "Herrera",    "Aguilar",
    "Pascual", "Santos",   "Vidal",     "Fuentes", "Calvo",    "Gallego",    "León",       "Márquez",
    "Cabrera", "Flores",   "Prieto",    "Vega",    "Campos",   "Carrasco",   "Caballero",  "Nieto",
    "Reyes",   "Aguado",   "Pastor",    "Soler",   "Crespo",   "Montero",    "Arias",      "Benítez",
    "Giménez", "Velasco",  "Bravo",     "Esteban", "Rojas",    "Mora",       "Ibáñez",     "Parra",
    "Santana", "Cuesta",   "Varela",    "Ferrer",  "Lorente",  "Zapata",     "Lafuente",   "Sancho",
    "Bermejo", "Aranda",   "Villalba",  "Salinas", "Bueno",    "Echeverría", "Goikoetxea", "Puig"};

constexpr const char* kForeignSurnames[] = {
    "Popescu", "Ionescu", "El Amrani", "Benali", "Silva",  "Santos",  "Rossi", "Bianchi",
    "Wang",    "Zhang",   "Kovalenko", "Diallo", "Traoré", "Hussain", "Nowak", "Dumitru"};

// --- places --------------------------------------------------------------------------------

struct City {
    const char* name;
    const char* postal; // province part of the postal code
    const char* phone;  // landline prefix
    unsigned weight;
};

constexpr City kSpanishCities[] = {
    {"Madrid", "28", "91", 16},
    {"Barcelona", "08", "93", 12},
    {"Valencia", "46", "96", 7},
    {"Sevilla", "41", "954", 5},
    {"Zaragoza", "50", "976", 6},
    {"Málaga", "29", "952", 4},
    {"Murcia", "30", "968", 3},
    {"Palma", "07", "971", 3},
    {"Las Palmas de Gran Canaria", "35", "928", 2},
    {"Bilbao", "48", "94", 3},
    {"Alicante", "03", "965", 3},
    {"Córdoba", "14", "957", 2},
    {"Valladolid", "47", "983", 2},
    {"Vigo", "36", "986", 2},
    {"Gijón", "33", "985", 2},
    {"Granada", "18", "958", 2},
    {"A Coruña", "15", "981", 2},
    {"Vitoria-Gasteiz", "01", "945", 2},
    {"Oviedo", "33", "985", 1},
    {"Pamplona", "31", "948", 2},
    {"Santander", "39", "942", 1},
    {"Logroño", "26", "941", 1},
    {"Huesca", "22", "974", 1},
    {"Teruel", "44", "978", 1},
    {"Salamanca", "37", "923", 1},
    {"Burgos", "09", "947", 1},
    {"León", "24", "987", 1},
    {"Cádiz", "11", "956", 1},
    {"Almería", "04", "950", 1},
    {"Toledo", "45", "925", 1},
    {"Badajoz", "06", "924", 1},
    {"Castellón de la Plana", "12", "964", 1},
    {"Tarragona", "43", "977", 1},
    {"Lleida", "25", "973", 1},
    {"Girona", "17", "972", 1},
    {"Albacete", "02", "967", 1},
    {"Jaén", "23", "953", 1},
    {"Huelva", "21", "959", 1},
    {"Cáceres", "10", "927", 1},
    {"Santa Cruz de Tenerife", "38", "922", 1},
    {"San Sebastián", "20", "943", 2},
    {"Ciudad Real", "13", "926", 1},
    {"Guadalajara", "19", "949", 1},
    {"Ourense", "32", "988", 1},
    {"Lugo", "27", "982", 1},
};

constexpr const char* kStreets[] = {"Calle Mayor",
                                    "Avenida de la Constitución",
                                    "Calle Real",
                                    "Paseo de la Independencia",
                                    "Gran Vía",
                                    "Calle San Vicente",
                                    "Avenida de América",
                                    "Calle del Carmen",
                                    "Calle Alfonso XIII",
                                    "Calle de la Paz",
                                    "Avenida de Madrid",
                                    "Calle Nueva",
                                    "Plaza de España",
                                    "Calle Goya",
                                    "Calle Cervantes",
                                    "Avenida del Puerto",
                                    "Calle Colón",
                                    "Calle Doctor Fleming",
                                    "Avenida de Andalucía",
                                    "Calle del Sol",
                                    "Calle Ramón y Cajal",
                                    "Avenida de Valencia",
                                    "Calle Santa Ana",
                                    "Calle San Juan",
                                    "Calle Jaime I",
                                    "Calle Reyes Católicos",
                                    "Avenida de Cataluña",
                                    "Calle Miguel Servet"};

constexpr const char* kIndustrialEstates[] = {
    "El Pilar",    "Malpica",      "Cogullada",        "La Estación", "Los Ángeles", "San Cristóbal",
    "El Campillo", "Las Quemadas", "Fuente del Jarro", "Río Ebro",    "La Torre",    "Santa Ana"};

constexpr const char* kMunicipalities[] = {"Alcañiz",
                                           "Calatayud",
                                           "Tarazona",
                                           "Ejea de los Caballeros",
                                           "Utebo",
                                           "Jaca",
                                           "Barbastro",
                                           "Monzón",
                                           "Alcobendas",
                                           "Getafe",
                                           "Móstoles",
                                           "Gandía",
                                           "Sagunto",
                                           "Elche",
                                           "Orihuela",
                                           "Lorca",
                                           "Cartagena",
                                           "Ponferrada",
                                           "Cuenca",
                                           "Soria",
                                           "Segovia",
                                           "Ávila",
                                           "Zamora",
                                           "Palencia",
                                           "Mérida",
                                           "Jerez de la Frontera",
                                           "Marbella",
                                           "Motril",
                                           "Linares",
                                           "Úbeda",
                                           "Talavera de la Reina",
                                           "Alcalá de Henares",
                                           "Reus",
                                           "Manresa",
                                           "Vic",
                                           "Figueres",
                                           "Tortosa",
                                           "Benidorm",
                                           "Alcoy",
                                           "Villarreal",
                                           "Avilés",
                                           "Torrelavega",
                                           "Tudela",
                                           "Calahorra",
                                           "Haro",
                                           "Miranda de Ebro",
                                           "Aranda de Duero",
                                           "Daroca"};

constexpr const char* kProvinces[] = {"Zaragoza", "Huesca",  "Teruel",  "Valencia", "Alicante", "Castellón",
                                      "Jaén",     "Córdoba", "Badajoz", "Cáceres",  "León",     "Burgos",
                                      "Soria",    "Segovia", "Granada", "Almería",  "Cuenca",   "Lleida"};

constexpr const char* kRegions[] = {"Bajo Aragón",
                                    "Cinco Villas",
                                    "La Ribagorza",
                                    "Campo de Borja",
                                    "Somontano de Barbastro",
                                    "Comunidad de Calatayud",
                                    "Maestrazgo",
                                    "Matarraña"};

constexpr const char* kUniversities[] = {"Zaragoza", "Oviedo",  "Salamanca", "Valladolid",
                                         "León",     "Córdoba", "Jaén",      "Lleida",
                                         "Burgos",   "Almería", "Huelva",    "La Rioja"};

// --- companies -------------------------------------------------------------------------------

struct Activity {
    const char* name;
    const char* sector; // a tag
};

constexpr Activity kActivities[] = {
    {"Talleres", "Automoción"},
    {"Distribuciones", "Distribución"},
    {"Construcciones", "Construcción"},
    {"Transportes", "Transporte"},
    {"Suministros Industriales", "Industria"},
    {"Instalaciones Eléctricas", "Construcción"},
    {"Reformas", "Construcción"},
    {"Climatización", "Construcción"},
    {"Logística", "Transporte"},
    {"Alimentación", "Alimentación"},
    {"Bodegas", "Alimentación"},
    {"Panificadora", "Alimentación"},
    {"Gráficas", "Artes gráficas"},
    {"Carpintería Metálica", "Industria"},
    {"Ingeniería", "Servicios profesionales"},
    {"Consultores", "Servicios profesionales"},
    {"Asesores", "Servicios profesionales"},
    {"Limpiezas", "Servicios"},
    {"Hostelería", "Hostelería"},
    {"Restaurantes", "Hostelería"},
    {"Muebles", "Comercio"},
    {"Ferretería Industrial", "Comercio"},
    {"Frutas", "Alimentación"},
    {"Cárnicas", "Alimentación"},
    {"Textil", "Industria"},
    {"Inmobiliaria", "Inmobiliario"},
    {"Agrícola", "Agricultura"},
    {"Mantenimientos", "Servicios"},
    {"Seguridad", "Servicios"},
    {"Informática", "Tecnología"},
    {"Sistemas", "Tecnología"},
    {"Excavaciones", "Construcción"},
    {"Hormigones", "Construcción"},
    {"Aluminios", "Industria"},
    {"Pinturas", "Construcción"},
    {"Mudanzas", "Transporte"},
    {"Electrodomésticos", "Comercio"},
    {"Fontanería", "Construcción"},
};

constexpr const char* kPlaces[] = {
    "Norte",      "Sur",         "Levante",          "del Ebro",       "Mediterráneo",
    "Cantábrico", "Atlántico",   "Ibérica",          "del Valle",      "Castellana",
    "Aragonesa",  "del Moncayo", "del Turia",        "del Duero",      "del Pirineo",
    "Meseta",     "de la Bahía", "del Guadalquivir", "del Segura",     "Galaica",
    "Navarra",    "Riojana",     "del Bierzo",       "del Maestrazgo", "Centro"};

struct LargeActivity {
    const char* name;
    const char* sector;
};
constexpr LargeActivity kLargeActivities[] = {
    {"Grupo Hotelero", "Hostelería"},
    {"Supermercados", "Distribución"},
    {"Industrias Cárnicas", "Alimentación"},
    {"Corporación Alimentaria", "Alimentación"},
    {"Constructora", "Construcción"},
    {"Papelera", "Industria"},
    {"Aceros", "Industria"},
    {"Laboratorios", "Salud"},
    {"Hospitales", "Salud"},
    {"Transportes Internacionales", "Transporte"},
    {"Componentes de Automoción", "Automoción"},
    {"Energías Renovables", "Energía"},
};

// Trades of autónomos: "Fontanería José Peña".
constexpr Activity kTrades[] = {
    {"Fontanería", "Construcción"},
    {"Electricidad", "Construcción"},
    {"Peluquería", "Servicios"},
    {"Estudio de diseño", "Servicios profesionales"},
    {"Taller mecánico", "Automoción"},
    {"Carpintería", "Industria"},
    {"Pintura y decoración", "Construcción"},
    {"Asesoría", "Servicios profesionales"},
    {"Fisioterapia", "Salud"},
    {"Bar", "Hostelería"},
    {"Frutería", "Comercio"},
    {"Transportes", "Transporte"},
    {"Reformas", "Construcción"},
    {"Fotografía", "Servicios profesionales"},
    {"Academia", "Formación"},
    {"Clínica dental", "Salud"},
};

struct LatinAmerica {
    Country country;
    const char* places[5];
    const char* companySuffix;
    const char* smallSuffix;
    const char* domain; // country top-level domain for companies
    const char* city;
    const char* address[4];
    const char* mailDomains[3];
};

constexpr LatinAmerica kLatinAmerica[] = {
    {Country::MX,
     {"del Bajío", "del Pacífico", "Azteca", "Regiomontana", "del Golfo"},
     "S.A. de C.V.",
     "S. de R.L. de C.V.",
     ".com.mx",
     "Ciudad de México",
     {"Av. Insurgentes Sur 1602, Col. Crédito Constructor, 03940 Ciudad de México",
      "Paseo de la Reforma 250, Col. Juárez, 06600 Ciudad de México",
      "Av. Vallarta 3233, Col. Vallarta Poniente, 44110 Guadalajara, Jal.",
      "Av. Constitución 405 Ote., Centro, 64000 Monterrey, N.L."},
     {"gmail.com", "hotmail.com", "prodigy.net.mx"}},
    {Country::CO,
     {"Andinas", "del Caribe", "del Valle", "Antioqueña", "Cafetera"},
     "S.A.S.",
     "S.A.S.",
     ".com.co",
     "Bogotá",
     {"Calle 93 # 11-26, Bogotá", "Carrera 7 # 71-21, Bogotá", "Calle 10 # 43D-30, El Poblado, Medellín",
      "Avenida 6N # 23-45, Cali"},
     {"gmail.com", "hotmail.com", "outlook.com"}},
    {Country::CL,
     {"Pacífico", "Los Andes", "Austral", "del Maule", "Andina"},
     "S.A.",
     "Ltda.",
     ".cl",
     "Santiago",
     {"Av. Providencia 1234, Providencia, Santiago", "Av. Apoquindo 4501, Las Condes, Santiago",
      "Calle Prat 827, Valparaíso", "Av. Libertador Bernardo O'Higgins 1302, Santiago"},
     {"gmail.com", "hotmail.com", "vtr.net"}},
    {Country::AR,
     {"Pampa", "del Plata", "Patagónica", "Cuyana", "Rioplatense"},
     "S.A.",
     "S.R.L.",
     ".com.ar",
     "Buenos Aires",
     {"Av. Corrientes 1234, C1043 CABA", "Av. Santa Fe 2450, C1123 CABA", "Bv. San Juan 680, X5000 Córdoba",
      "Córdoba 1452, S2000 Rosario, Santa Fe"},
     {"gmail.com", "hotmail.com", "yahoo.com.ar"}},
    {Country::PE,
     {"Andina", "del Sur", "Inca", "Amazónica", "del Pacífico"},
     "S.A.C.",
     "E.I.R.L.",
     ".com.pe",
     "Lima",
     {"Av. Javier Prado Este 1234, San Isidro, Lima", "Av. José Larco 345, Miraflores, Lima",
      "Calle Mercaderes 120, Arequipa", "Av. Arequipa 2450, Lince, Lima"},
     {"gmail.com", "hotmail.com", "outlook.com"}},
};

inline const LatinAmerica& latinAmerica(Country country) {
    for (const auto& la : kLatinAmerica)
        if (la.country == country) return la;
    return kLatinAmerica[0];
}

constexpr const char* kPersonalMailDomains[] = {"gmail.com",      "hotmail.com", "yahoo.es",   "outlook.es",
                                                "telefonica.net", "gmail.com",   "hotmail.es", "icloud.com"};

struct Bank {
    const char* name;
    const char* code;
};
constexpr Bank kBanks[] = {
    {"CaixaBank", "2100"}, {"Banco Santander", "0049"}, {"BBVA", "0182"},
    {"Ibercaja", "2085"},  {"Banco Sabadell", "0081"},  {"Kutxabank", "2095"},
    {"Unicaja", "2103"},   {"Cajamar", "3058"},         {"Bankinter", "0128"},
    {"ING", "1465"},       {"Abanca", "2080"},          {"Caja Rural de Aragón", "3191"}};

} // namespace recobra::gen::tables

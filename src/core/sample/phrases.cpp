#include "core/sample/phrases.hpp"

#include "core/i18n/locale.hpp"

#include <array>
#include <cstdio>

namespace recobra::gen {

namespace {

// --- interactions ------------------------------------------------------------------------------

constexpr const char* kPreDueEmail[] = {
    "Aviso amable por email: la factura {factura} vence el {fecha}",
    "Recordatorio previo al vencimiento enviado por email, con copia de la factura {factura}",
    "Email de cortesía: recordamos el vencimiento del {fecha} ({importe})",
    "Envío recordatorio amable por email antes del vencimiento",
    "Aviso de vencimiento próximo enviado a administración",
};
constexpr const char* kPreDueMessage[] = {
    "Mensaje a {persona}: la factura {factura} vence el {dia}",
    "Recordatorio de vencimiento de {importe} el {fecha}",
    "Aviso breve: el {dia} vence la factura {factura}",
};
constexpr const char* kReminderEmail[] = {
    "Envío recordatorio amable por email",
    "Primer recordatorio: factura {factura} vencida el {fecha}; se adjunta copia",
    "Email con el detalle de lo pendiente ({importe}) y nuestros datos bancarios",
    "Recordatorio amable: quizá se ha traspapelado la factura {factura}",
    "Recordatorio por email; pedimos que nos confirmen la fecha de pago",
    "Email recordando la factura {factura}, vencida el {fecha}",
    "Recordatorio cordial de {importe} pendientes; adjuntamos el extracto",
};
constexpr const char* kReminderMessage[] = {
    "Mensaje a {persona} recordando el pago pendiente de {importe}",
    "Recordatorio corto de la factura vencida {factura}",
    "Mensaje: la factura {factura} venció el {fecha}; rogamos nos indiquen la fecha de pago",
    "Aviso amable de pago pendiente ({importe})",
};
constexpr const char* kCallNoAnswer[] = {
    "Llamada sin respuesta",
    "Llamo dos veces; no contesta nadie",
    "Buzón de voz: dejo mensaje para que devuelva la llamada",
    "Comunica toda la mañana",
    "No contesta; lo intento de nuevo la semana que viene",
    "Dicen que {persona} no está; que llamemos más tarde",
    "Teléfono apagado",
    "Cogen el teléfono y cuelgan al identificarme",
    "Salta el contestador; dejo recado con el importe pendiente",
};
constexpr const char* kCallNoAnswerCompany[] = {
    "En la centralita dicen que {persona} está en una reunión; que llamemos más tarde",
    "La recepción toma nota del recado; {persona} no está",
    "Me pasan con administración y nadie coge el teléfono",
};
constexpr const char* kWrittenNoAnswer[] = {
    "Segundo aviso por escrito sin respuesta",    "Reenvío la factura {factura}; sin respuesta",
    "Mensaje leído pero sin contestar",           "Nuevo recordatorio por escrito; sigue sin responder",
    "Sin respuesta al mensaje anterior; insisto",
};
constexpr const char* kPromiseWeekday[] = {
    "Llamada: dice que paga el {dia}",
    "Hablo con {persona}: se compromete a pagar {importe} el {dia}",
    "Confirma que el {dia} hace la transferencia",
    "Se le había pasado; dice que paga el {dia} sin falta",
    "Promete transferencia de {importe} el {dia} {fecha}",
    "{persona} dice que el {dia} hacen pagos y nos incluye",
    "Reconoce el retraso; pagará {importe} el {dia}",
    "Dice que espera el cobro de un cliente y paga el {dia}",
    "Llamada: tenía la factura en un cajón; la paga el {dia}",
};
constexpr const char* kPromiseEndOfMonth[] = {
    "Dice que paga a final de mes, cuando cobre",
    "Se compromete a pagar {importe} antes de fin de mes",
    "Pagará el {fecha}, con la remesa de final de mes",
    "Promete pagarlo todo el último día del mes",
};
constexpr const char* kPromiseDate[] = {
    "Pide unos días más: pagará {importe} antes del {fecha}",
    "Acordamos que paga el {fecha}",
    "Dice que hasta el {fecha} no puede; se compromete a esa fecha",
    "Está pendiente de cobrar una subvención; promete pagar el {fecha}",
    "Pide aplazar al {fecha}; aceptamos",
    "Tiene problemas de tesorería; se compromete a pagar el {fecha}",
};
constexpr const char* kPromisePartial[] = {
    "Solo puede pagar {importe} ahora; el resto más adelante",
    "Propone un pago a cuenta de {importe} el {dia}",
    "Paga una parte ({importe}) el {dia} y pide plazo para el resto",
    "Dice que la cosa está mal; adelanta {importe} el {fecha}",
};
constexpr const char* kPromiseWritten[] = {
    "Responde al email: pagará {importe} el {fecha}",
    "Contesta por escrito que el pago sale el {dia}",
    "Por escrito: confirma el pago de {importe} el {fecha}",
    "Responde disculpándose; transferencia programada para el {dia}",
};
constexpr const char* kPromiseVisit[] = {
    "Visita al cliente: {persona} promete pagar {importe} el {dia}",
    "Visita en persona: se compromete a pagar el {dia}",
    "Paso por sus oficinas; quedamos en que paga el {fecha}",
};
constexpr const char* kPromiseMeeting[] = {
    "Reunión con la gerencia: se revisan las facturas pendientes; pagarán el {fecha}",
    "Reunión con {persona}: acordamos el pago de {importe} el {fecha}",
};
constexpr const char* kBrokenPromise[] = {
    "No ha pagado lo prometido; no contesta",
    "Promesa incumplida: vuelve a pedir unos días",
    "Dice que se le olvidó lo que acordamos; insisto en que pague ya",
    "Incumple otra vez: dice que su cliente no le ha pagado a él",
    "Le recuerdo su compromiso; se disculpa pero no da fecha",
    "No ha llegado la transferencia prometida; dice que la revisará",
};
// Dispute and DisputeReason are paired: variant k of one matches variant k of the other.
constexpr const char* kDispute[] = {
    "Dice que el material llegó defectuoso",
    "No reconoce la factura {factura}: dice que el pedido llegó incompleto",
    "Reclama que el precio no es el del presupuesto",
    "Dice que el trabajo quedó sin terminar",
    "Alega que ya la pagó; pido el justificante",
    "No está conforme con las horas facturadas",
    "Dice que nunca recibió la mercancía",
    "Pide un abono por el retraso en la entrega",
};
constexpr const char* kDisputeReason[] = {
    "Material defectuoso según el cliente",   "Pedido incompleto según el cliente",
    "Precio distinto del presupuesto",        "Trabajo sin terminar según el cliente",
    "El cliente dice que ya la pagó",         "Horas facturadas no reconocidas",
    "Mercancía no recibida según el cliente", "Reclamación por retraso en la entrega",
};
constexpr const char* kDisputeRejected[] = {
    "Envío el albarán firmado; reconoce la factura {factura}",
    "Se revisa la reclamación con el técnico: no procede",
    "El justificante era de otra factura; la {factura} sigue pendiente",
    "Reunión con {persona}: retira la reclamación",
};
constexpr const char* kDisputeDiscount[] = {
    "Acordamos un descuento del {n} % por las molestias; se rectifica la factura {factura}",
    "Se acepta en parte la reclamación: rebaja del {n} % en la factura {factura}",
};
constexpr const char* kRefusal[] = {
    "Se niega a pagar: dice que lo reclamemos como queramos",
    "Dice que no piensa pagar hasta que le solucionemos el pedido",
    "Responde de malas maneras; no reconoce la deuda",
    "Dice que la empresa no tiene dinero y que no va a pagar",
    "Amenaza con denunciarnos si seguimos llamando",
};
constexpr const char* kPaidAlready[] = {
    "Dice que pagó ayer por transferencia; lo comprobamos y está",
    "Confirma el pago; pide disculpas por el retraso",
    "Avisa de que ha hecho la transferencia de {importe}",
    "Envía el justificante de pago por email",
    "Se le había olvidado; paga en el momento",
};
constexpr const char* kWrongContact[] = {
    "El teléfono ya no es de la empresa",
    "Email devuelto: la dirección no existe",
    "{persona} ya no trabaja allí; pido un nuevo contacto",
    "Número equivocado; busco otro teléfono",
};
constexpr const char* kWrongContactPerson[] = {
    "El teléfono que tenemos ya no es de {persona}",
    "Email devuelto: la dirección no existe",
    "Número equivocado; busco otro teléfono",
};
constexpr const char* kInboundCall[] = {
    "Llama pidiendo copia de la factura {factura}",
    "Llama para preguntar por el número de cuenta para la transferencia",
    "Llama para decir que ha cambiado de gestoría",
    "Llama para pedir el desglose de la factura {factura}",
};
constexpr const char* kInboundEmail[] = {
    "Escribe pidiendo copia de la factura {factura}",
    "Pide por email el certificado de estar al corriente",
    "Pide por email el desglose de la factura {factura}",
    "Nos escribe: ha cambiado de gestoría y envía los nuevos datos",
};
constexpr const char* kAcknowledge[] = {
    "Reconoce la deuda por email y pide tiempo",
    "Firma el reconocimiento de deuda de {importe}",
    "Admite lo pendiente ({importe}) y propone pagar en unas semanas",
};
constexpr const char* kFirmLetter[] = {
    "Tercera carta: tono firme; se reclaman intereses de demora y 40 € por factura (Ley 3/2004)",
    "Carta certificada de reclamación de {importe}",
    "Carta con el detalle de las facturas vencidas y los intereses devengados",
    "Segunda carta: se advierte de la suspensión de los suministros",
};
constexpr const char* kFirmEmail[] = {
    "Email firme: último aviso antes de iniciar acciones",
    "Email de tono firme: se reclaman intereses de demora y 40 € por factura (Ley 3/2004)",
    "Email con el detalle de lo vencido ({importe}): se advierte de la suspensión de los suministros",
};
constexpr const char* kBurofax[] = {
    "Burofax de requerimiento enviado",
    "Burofax con acuse de recibo y certificación de contenido: requerimiento de {importe}",
    "Requerimiento fehaciente de pago por burofax",
    "Envío requerimiento formal por burofax con plazo de diez días",
};
constexpr const char* kPlanAgreed[] = {
    "Acuerdo de pago en {n} cuotas de {importe}; primera el {fecha}",
    "Firma el plan de pagos: {n} plazos mensuales de {importe}",
    "Aceptamos aplazamiento en {n} meses; primera cuota el {fecha}",
};
constexpr const char* kInstallmentReminder[] = {
    "Recordatorio de la cuota del plan: confirma el pago de {importe} el {fecha}",
    "Aviso de la próxima cuota ({importe}); dice que la paga el {dia}",
    "Llamada de seguimiento del plan: la cuota sale el {dia}",
};
constexpr const char* kPlanBroken[] = {
    "Cuota del plan impagada; no responde",
    "No paga la cuota: dice que este mes no puede",
    "Segunda cuota devuelta por el banco",
};
constexpr const char* kAgencyHandover[] = {
    "Se entrega el expediente a la agencia de recobro con todo el historial",
    "Expediente enviado a la agencia: facturas, burofax y registro de llamadas",
    "Alta del expediente en la agencia de recobro; se les envía el historial de negociación",
};
constexpr const char* kAgencyUpdate[] = {
    "La agencia informa: visita al domicilio social sin éxito",
    "La agencia no localiza al deudor en la dirección conocida",
    "Informe de la agencia: el deudor dice que no puede pagar",
    "La agencia propone aceptar una quita",
    "La agencia informa de que el deudor tiene otras reclamaciones pendientes",
};
constexpr const char* kAgencyPromise[] = {
    "La agencia localiza al administrador; promete pagar {importe} el {fecha}",
    "Informe de la agencia: el deudor reconoce la deuda y pagará el {fecha}",
};
constexpr const char* kLegalFiled[] = {
    "Presentada petición de juicio monitorio (LEC 812)",
    "Se presenta monitorio por {importe} en el juzgado",
    "El abogado presenta la petición de monitorio con el historial como prueba",
};
constexpr const char* kLegalUpdate[] = {
    "El juzgado admite el monitorio y requiere de pago al deudor",
    "Notificación infructuosa: se pide averiguación de domicilio",
    "El deudor se opone al monitorio; pasa a juicio verbal",
    "Decreto de fin del monitorio; se pide la ejecución",
};
constexpr const char* kSettlementOffer[] = {
    "Propuesta de quita: si paga {importe} antes del {fecha} se condona el resto",
    "Acepta la quita: pagará {importe} el {fecha} y cerramos el expediente",
};
constexpr const char* kRecovery[] = {
    "Llama para liquidar toda la deuda; quiere volver a trabajar con nosotros",
    "Contacta para saldar lo pendiente ({importe}) tras cerrar una operación",
};

constexpr const char* kPaymentThanks[] = {
    "Confirmamos la recepción del pago de {importe}; gracias",
    "Email de agradecimiento: recibido el pago de {importe}",
    "Acuse de recibo del pago ({importe}); se actualiza la cuenta",
};
constexpr const char* kPreDueCall[] = {
    "Llamada de cortesía: confirman que tienen la factura {factura} y la pagarán al vencimiento",
    "Llamo para verificar que recibieron la factura {factura}; todo correcto",
    "Llamada previa al vencimiento: {persona} confirma el pago para el {fecha}",
};
constexpr const char* kPromiseConfirmation[] = {
    "Email confirmando por escrito el compromiso de pago de {importe} para el {fecha}",
    "Envío por email el resumen de lo hablado: {importe} el {fecha}",
    "Confirmación escrita del acuerdo: pago de {importe} el {dia} {fecha}",
};
constexpr const char* kPromiseReminder[] = {
    "Recordatorio: mañana vence el compromiso de pago de {importe}",
    "Aviso del compromiso de mañana ({importe}); pedimos el justificante cuando paguen",
};
constexpr const char* kStatement[] = {
    "Extracto de cuenta a {fecha}: {importe} pendientes",
    "Envío del extracto trimestral de facturas abiertas ({importe})",
    "Conciliación de saldos a {fecha}: solicitamos conformidad de {importe}",
};

// --- reasons, notes, descriptions ---------------------------------------------------------------

constexpr const char* kDisputeCreditVoid[] = {
    "Abono total: se acepta la reclamación del cliente",
    "Anulada por devolución de la mercancía",
    "Se anula y se emite factura rectificativa",
    "Anulada: el pedido se canceló",
};
constexpr const char* kErrorVoid[] = {
    "Factura duplicada",
    "Error en el importe; se emite una nueva",
    "Emitida a un cliente equivocado",
    "Datos fiscales incorrectos; se sustituye por otra",
};
constexpr const char* kDisputeCleared[] = {
    "Revisado: la reclamación no procede",
    "El cliente retira la reclamación",
    "Reclamación resuelta con el albarán firmado",
};
// Variants 0 and 1: a new due date was agreed; 2: nothing is overdue any more.
constexpr const char* kStageNotDue[] = {
    "Nuevo vencimiento acordado: {fecha}",
    "Aplazamiento aceptado; la factura vence de nuevo el {fecha}",
    "Al corriente: solo quedan facturas sin vencer",
};
// Variant 0: a dispute was settled; 1: no agreement; 2: a payment plan was broken.
constexpr const char* kStageOverdue[] = {
    "Disputa resuelta: vuelve al seguimiento ordinario",
    "Sin acuerdo: se retoma la reclamación ordinaria",
    "Incumple el plan de pagos: vuelve a vencido",
};
constexpr const char* kStageReminded[] = {
    "Primer recordatorio enviado",
    "Recordatorio amable tras el vencimiento",
    "Aviso de impago enviado",
};
constexpr const char* kStageNegotiating[] = {
    "El cliente propone fecha de pago",
    "Se negocia el calendario de pago",
    "Reclamación abierta sobre una factura",
    "Promete pagar; seguimiento de la promesa",
};
constexpr const char* kStagePaymentPlan[] = {
    "Plan de pagos acordado en {n} cuotas",
    "Aplazamiento firmado por email: {n} cuotas mensuales",
};
constexpr const char* kStageFormalDemand[] = {
    "Burofax de requerimiento enviado",
    "Requerimiento formal con intereses (Ley 3/2004)",
    "Sin respuesta a tres avisos: requerimiento fehaciente",
};
constexpr const char* kStageAgency[] = {
    "Expediente entregado a la agencia de recobro",
    "Sin respuesta tras el burofax: se pasa a la agencia",
};
constexpr const char* kStageLegal[] = {
    "Presentada petición de monitorio",
    "Se encarga la reclamación judicial al abogado",
};
// Variant 0: paid after being written off; 1: paid the rest after a settlement.
constexpr const char* kStageClosedPaid[] = {
    "Cobrado íntegramente tras darlo por fallido",
    "Deuda saldada por completo",
};
constexpr const char* kStageClosedSettled[] = {
    "Quita aceptada: cobrado el {n} %; se condona el resto",
    "Acuerdo transaccional firmado (cobrado el {n} %); expediente cerrado",
};
constexpr const char* kStageClosedWrittenOff[] = {
    "Concurso de acreedores: crédito incobrable",
    "Empresa disuelta sin bienes",
    "El coste de reclamar supera lo pendiente",
    "Deudor ilocalizable tras la investigación de la agencia",
    "Monitorio sin bienes embargables: se da por fallido",
};
constexpr const char* kStageClosedPrescribed[] = {
    "Prescrita: más de cinco años sin reclamación documentada (art. 1964.2 CC)",
    "Revisión de antigüedad: deuda prescrita, sin reconocimiento ni reclamación desde el vencimiento "
    "({fecha})",
};
constexpr const char* kNote[] = {
    "Cliente habitual; suele pagar a 60 días",
    "Prefiere que le llamen por la tarde",
    "Cambió de gestoría en {mes}",
    "Pedir siempre el albarán firmado",
    "Tiene deudas con otro proveedor común; vigilar",
    "No servir más pedidos sin pago por adelantado",
    "Buen cliente, pero desordenado con los papeles",
    "Cierran en agosto: no reclamar ese mes",
    "Pide que todas las comunicaciones vayan por email",
};
constexpr const char* kNoteCompany[] = {
    "Hablar con {persona}; la gerencia no atiende",
    "Pagan siempre por confirming a 90 días",
    "El administrador es familiar de {persona}; trato cordial",
};
constexpr const char* kInvoiceDescription[] = {
    "Suministro de material eléctrico",
    "Reparación de vehículo industrial",
    "Mantenimiento de instalaciones – {mes}",
    "Transporte de mercancía",
    "Servicio de diseño gráfico",
    "Obra de reforma de local",
    "Asesoría fiscal trimestral",
    "Licencias de software y soporte – {mes}",
    "Suministro de papel y consumibles",
    "Instalación de climatización",
    "Servicio de limpieza – {mes}",
    "Catering para evento de empresa",
    "Alquiler de maquinaria",
    "Formación en prevención de riesgos laborales",
    "Auditoría energética",
    "Campaña publicitaria – {mes}",
    "Suministro de piezas de recambio",
    "Honorarios profesionales – {mes}",
    "Impresión de catálogos",
    "Suministro de productos de alimentación",
};

struct Bank {
    const char* const* texts;
    unsigned count;
};

template <std::size_t N> constexpr Bank bank(const char* const (&texts)[N]) {
    return Bank{texts, N};
}

constexpr std::array<Bank, static_cast<std::size_t>(Phrase::Count_)> kBanks{{
    bank(kPreDueEmail),
    bank(kPreDueMessage),
    bank(kReminderEmail),
    bank(kReminderMessage),
    bank(kCallNoAnswer),
    bank(kCallNoAnswerCompany),
    bank(kWrittenNoAnswer),
    bank(kPromiseWeekday),
    bank(kPromiseEndOfMonth),
    bank(kPromiseDate),
    bank(kPromisePartial),
    bank(kPromiseWritten),
    bank(kPromiseVisit),
    bank(kPromiseMeeting),
    bank(kBrokenPromise),
    bank(kDispute),
    bank(kDisputeRejected),
    bank(kDisputeDiscount),
    bank(kRefusal),
    bank(kPaidAlready),
    bank(kWrongContact),
    bank(kWrongContactPerson),
    bank(kInboundCall),
    bank(kInboundEmail),
    bank(kAcknowledge),
    bank(kFirmLetter),
    bank(kFirmEmail),
    bank(kBurofax),
    bank(kPlanAgreed),
    bank(kInstallmentReminder),
    bank(kPlanBroken),
    bank(kAgencyHandover),
    bank(kAgencyUpdate),
    bank(kAgencyPromise),
    bank(kLegalFiled),
    bank(kLegalUpdate),
    bank(kSettlementOffer),
    bank(kRecovery),
    bank(kPaymentThanks),
    bank(kPreDueCall),
    bank(kPromiseConfirmation),
    bank(kPromiseReminder),
    bank(kStatement),
    bank(kDisputeReason),
    bank(kDisputeCreditVoid),
    bank(kErrorVoid),
    bank(kDisputeCleared),
    bank(kStageNotDue),
    bank(kStageOverdue),
    bank(kStageReminded),
    bank(kStageNegotiating),
    bank(kStagePaymentPlan),
    bank(kStageFormalDemand),
    bank(kStageAgency),
    bank(kStageLegal),
    bank(kStageClosedPaid),
    bank(kStageClosedSettled),
    bank(kStageClosedWrittenOff),
    bank(kStageClosedPrescribed),
    bank(kNote),
    bank(kNoteCompany),
    bank(kInvoiceDescription),
}};
static_assert(sizeof(kDispute) == sizeof(kDisputeReason), "disputes and their reasons are paired");

constexpr const char* kWeekdays[] = {"lunes",   "martes", "miércoles", "jueves",
                                     "viernes", "sábado", "domingo"};
constexpr const char* kMonths[] = {"enero", "febrero", "marzo",      "abril",   "mayo",      "junio",
                                   "julio", "agosto",  "septiembre", "octubre", "noviembre", "diciembre"};

std::string dayMonthYear(Date date) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02u/%02u/%04d", date.day(), date.month(), date.year());
    return buffer;
}

} // namespace

PhraseId phraseId(Phrase which, unsigned variant) {
    return static_cast<PhraseId>(static_cast<unsigned>(which) * 256u + variant % 256u);
}

unsigned phraseVariants(Phrase which) {
    return kBanks[static_cast<std::size_t>(which)].count;
}

Phrase phraseBank(PhraseId id) {
    return static_cast<Phrase>(id / 256u);
}

bool phraseMentions(PhraseId id, std::string_view placeholder) {
    const auto& b = kBanks[static_cast<std::size_t>(id / 256u) % kBanks.size()];
    return std::string_view(b.texts[(id % 256u) % b.count]).find(placeholder) != std::string_view::npos;
}

PhraseId drawPhrase(Rng& rng, Phrase which) {
    return phraseId(which, static_cast<unsigned>(rng.below(phraseVariants(which))));
}

std::string renderPhrase(PhraseId id, const PhraseDetails& details) {
    const auto& b = kBanks[static_cast<std::size_t>(id / 256u) % kBanks.size()];
    const std::string_view pattern = b.texts[(id % 256u) % b.count];
    std::string out;
    out.reserve(pattern.size() + 24);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '{') {
            out.push_back(pattern[i]);
            continue;
        }
        const auto close = pattern.find('}', i);
        const std::string_view key = pattern.substr(i + 1, close - i - 1);
        if (key == "importe")
            out += formatMoney(details.amount, Lang::es);
        else if (key == "fecha")
            out += dayMonthYear(details.date);
        else if (key == "dia")
            out += kWeekdays[(details.date.weekday() + 6) % 7];
        else if (key == "mes")
            out +=
                std::string(kMonths[details.date.month() - 1]) + " de " + std::to_string(details.date.year());
        else if (key == "factura")
            out += details.invoice;
        else if (key == "persona")
            out += details.person;
        else if (key == "n")
            out += std::to_string(details.n);
        i = close;
    }
    return out;
}

} // namespace recobra::gen

// Demo data of the financial module: categories, payment methods, invoices built from the
// customers' tasks and the maintenance contracts (service orders), and their receivables,
// some paid, some due, some overdue. Written through the API like the rest of the demo.
import type { DemoContext } from './demo.js';

const CATEGORIES = ['Receita de serviços', 'Receita de contratos', 'Venda de peças'];
const METHODS = ['Pix', 'Boleto bancário', 'Cartão de crédito', 'Transferência bancária'];

export async function seedFinancial(ctx: DemoContext): Promise<void> {
  for (const description of CATEGORIES)
    ctx.remember('financialCategories', (await ctx.call<{ id: number }>('POST', '/v2/financialCategories/', { description })).id);
  for (const description of METHODS)
    ctx.remember('paymentMethods', (await ctx.call<{ id: number }>('POST', '/v2/paymentMethods/', { description })).id);
  const [services, contracts] = ctx.ids.financialCategories ?? [];
  const methods = ctx.ids.paymentMethods ?? [];
  const date = (days: number) => ctx.day(days, 0).slice(0, 10);

  const invoices: { id: number; total: number; issued: number }[] = [];
  // The tasks of the first customers that have some, one invoice per customer.
  let made = 0;
  for (const customerId of ctx.ids.customers ?? []) {
    const taskIds = ctx.ids[`tasksOf:${customerId}`] ?? [];
    if (taskIds.length === 0) continue;
    const issued = -30 + made * 5;
    const inv = await ctx.call<{ id: number; summary: { totalValue: number } }>('POST', '/v2/invoices/', {
      customerId,
      description: `Serviços prestados ${date(issued).slice(5, 7)}/${date(issued).slice(0, 4)}`,
      issueDate: date(issued),
      dueDate: date(issued + 15),
      financialCategoryId: services,
      taskIds,
      discount: made % 3 === 0 ? 15 : 0,
    });
    invoices.push({ id: inv.id, total: inv.summary.totalValue, issued });
    ctx.remember('invoices', inv.id);
    if (++made >= 6) break;
  }
  // The maintenance contracts: the first two service orders.
  for (const [k, code] of (ctx.ids.serviceOrders ?? []).slice(0, 2).entries()) {
    const order = await ctx.call<{ customerId: number }>('GET', `/v2/serviceorders/${code}`);
    const inv = await ctx.call<{ id: number; summary: { totalValue: number } }>('POST', '/v2/invoices/', {
      customerId: order.customerId,
      description: 'Contrato de manutenção (PMOC)',
      issueDate: date(-8 + k),
      dueDate: date(20 + k),
      financialCategoryId: contracts,
      serviceOrderIds: [code],
    });
    invoices.push({ id: inv.id, total: inv.summary.totalValue, issued: -8 + k });
    ctx.remember('invoices', inv.id);
  }

  // One receivable per invoice, or two installments; the older ones paid, one left overdue.
  for (const [i, inv] of invoices.entries()) {
    const installments = i % 3 === 0 ? 2 : 1;
    for (let n = 0; n < installments; n++) {
      const due = inv.issued + 15 + n * 30;
      const amount =
        installments === 1 ? inv.total : n === 0 ? Math.round(inv.total * 50) / 100 : inv.total - Math.round(inv.total * 50) / 100;
      const paid = due < 0 && i !== 1;
      const r = await ctx.call<{ id: number }>('POST', '/v2/receivables/', {
        invoiceId: inv.id,
        description: `Parcela ${n + 1}/${installments}`,
        amount: Math.round(amount * 100) / 100,
        dueDate: date(due),
        paymentMethodId: methods[(i + n) % methods.length],
        paid,
        ...(paid ? { paymentDate: date(due - 1) } : {}),
      });
      ctx.remember('receivables', r.id);
    }
  }
  ctx.step('financial', 1, 1);
}

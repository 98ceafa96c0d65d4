/**
 * Order list of an UNKNOWN seller backend (generic adapter): order blocks with
 * labelled fields as Chinese seller backends lay them out (订单号 / 买家 / 实付款
 * / 物流公司 / 运单号), a few cross-border orders labelled in English.
 */
import { markReady } from '../chat/shared/demo-globals';

const ORDERS = [
  { no: '3391827746501238819', buyer: 'tb80317542', product: '北欧实木床头柜 胡桃色 40cm', amount: '¥268.00', status: '卖家已发货', carrier: '韵达快递', tracking: '434587261190328', en: false },
  { no: '3394410027381566402', buyer: '小王同学88', product: '棉麻抱枕套 45x45 燕麦色 两只装', amount: '¥49.90', status: '买家已付款，待发货', carrier: '', tracking: '', en: false },
  { no: '3390015524437781290', buyer: 'lily_0927', product: '陶瓷马克杯 350ml 复古蓝', amount: '¥36.00', status: '交易成功', carrier: '中通快递', tracking: '78845512093321', en: false },
  { no: '8187652301948826', buyer: 'Lucas Oliveira', product: 'Wireless Earbuds Bluetooth 5.3 ENC, White', amount: 'US $18.56', status: 'Awaiting delivery', carrier: 'Cainiao Standard Shipping', tracking: 'LP00688123456789', en: true },
  { no: '3389920017765432108', buyer: '阿杰', product: '儿童加绒卫衣 120cm 红色', amount: '¥59.00', status: '退款中', carrier: '圆通速递', tracking: 'YT2468013579246', en: false },
  { no: '8190034456217790', buyer: 'Emma Schulz', product: 'LED Strip Lights 5m RGB, USB', amount: 'US $9.99', status: 'Completed', carrier: 'AliExpress Selection Standard', tracking: 'AEGB00012345678', en: true },
];

const list = document.getElementById('orders')!;
for (const o of ORDERS) {
  const block = document.createElement('section');
  block.className = 'od-block';
  const field = (label: string, value: string, cls: string) => {
    const p = document.createElement('div');
    p.className = `od-field ${cls}`;
    const l = document.createElement('span');
    l.className = 'od-label';
    l.textContent = label;
    const v = document.createElement('span');
    v.className = 'od-value';
    v.textContent = value || '—';
    p.append(l, v);
    return p;
  };
  block.append(
    field(o.en ? 'Order No.:' : '订单号：', o.no, 'od-no'),
    field(o.en ? 'Buyer:' : '买家：', o.buyer, 'od-buyer'),
    field(o.en ? 'Product:' : '商品：', o.product, 'od-product'),
    field(o.en ? 'Amount:' : '实付款：', o.amount, 'od-amount'),
    field(o.en ? 'Status:' : '订单状态：', o.status, 'od-status'),
    field(o.en ? 'Carrier:' : '物流公司：', o.carrier, 'od-carrier'),
    field(o.en ? 'Tracking No.:' : '运单号：', o.tracking, 'od-tracking'),
  );
  list.append(block);
}
markReady();

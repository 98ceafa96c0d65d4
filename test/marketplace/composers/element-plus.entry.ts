// Vue 3 + Element Plus <el-input type="textarea" v-model>: the model is a Vue ref
// updated from the inner textarea's input event.
import { createApp, h, ref } from 'vue';
import { ElInput } from 'element-plus';
import 'element-plus/dist/index.css';
import { exposeComposer } from './composer-page';

const reply = ref('');
const app = createApp({
  render: () =>
    h(ElInput, {
      type: 'textarea',
      rows: 3,
      placeholder: '请输入回复 Type a reply',
      modelValue: reply.value,
      'onUpdate:modelValue': (value: string) => {
        reply.value = value;
      },
    }),
});
app.mount('#composer');
exposeComposer({
  editor: 'element-plus 2.14 el-input',
  model: () => reply.value,
  clear: () => {
    reply.value = '';
  },
});

export { Form } from '@bpmn-io/form-js-viewer';

package cn.liaison.platform.system;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.impl.variable.serializer.VariableSerializers;
import org.camunda.bpm.engine.runtime.DeserializationTypeValidator;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.type.SerializableValueType;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * Object variables whose type is not on the deserialization allow-list are refused when they are set, not only
 * when they are read. Camunda's own type validation ({@code deserialization-type-validation-enabled},
 * {@code deserialization-allowed-packages/-classes} in application.yaml) checks a type before it deserializes a
 * value; a serialized value sent through /engine-rest or Tasklist (e.g. {@code "type": "Object", "valueInfo":
 * {"objectTypeName": "java.net.URL"}}) would otherwise be stored as it is and wait for the first reader. Here every
 * object serializer of the engine checks the type names of a serialized value against the same validator before
 * writing it (without loading any class), so such a value is refused and nothing is stored.
 */
@Component
class ObjectVariableTypeGuard extends AbstractProcessEnginePlugin {

  /** After every plugin's postInit: the Spin plugin adds its JSON serializer in its own postInit. */
  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    VariableSerializers serializers = configuration.getVariableSerializers();
    for (TypedValueSerializer<?> serializer : List.copyOf(serializers.getSerializers())) {
      if (serializer.getType() instanceof SerializableValueType && !(serializer instanceof Checked)) {
        int index = serializers.getSerializerIndex(serializer);
        serializers.removeSerializer(serializer);
        serializers.addSerializer(checked(serializer, configuration), index);
      }
    }
  }

  private static <T extends TypedValue> Checked<T> checked(TypedValueSerializer<T> serializer,
      ProcessEngineConfigurationImpl configuration) {
    return new Checked<>(serializer, configuration);
  }

  /** The type names in a canonical type name such as {@code java.util.HashMap<java.lang.String,java.lang.Object>}. */
  static List<String> typeNames(String canonicalName) {
    List<String> names = new ArrayList<>();
    for (String token : canonicalName.split("[<>,\\s]+")) {
      String name = token;
      while (name.endsWith("[]")) {
        name = name.substring(0, name.length() - 2);
      }
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }

  /** A serializer that checks serialized object values before the engine's own serializer writes them. */
  static final class Checked<T extends TypedValue> implements TypedValueSerializer<T> {

    private final TypedValueSerializer<T> serializer;
    private final ProcessEngineConfigurationImpl configuration;

    Checked(TypedValueSerializer<T> serializer, ProcessEngineConfigurationImpl configuration) {
      this.serializer = serializer;
      this.configuration = configuration;
    }

    @Override
    public void writeValue(T value, ValueFields valueFields) {
      if (value instanceof ObjectValue object && !object.isDeserialized() && object.getObjectTypeName() != null
          && configuration.isDeserializationTypeValidationEnabled()) {
        DeserializationTypeValidator validator = configuration.getDeserializationTypeValidator();
        List<String> refused = typeNames(object.getObjectTypeName()).stream()
            .filter(name -> validator != null && !validator.validate(name)).toList();
        if (!refused.isEmpty()) {
          throw new TypeRefused(valueFields.getName(), "变量 " + valueFields.getName() + " 的对象类型不在允许范围内："
              + refused + "（对象变量只接受平台自己的类型和 JDK 的值类型）");
        }
      }
      serializer.writeValue(value, valueFields);
    }

    @Override
    public String getName() {
      return serializer.getName();
    }

    @Override
    public ValueType getType() {
      return serializer.getType();
    }

    @Override
    public T readValue(ValueFields valueFields, boolean deserializeValue, boolean isTransient) {
      return serializer.readValue(valueFields, deserializeValue, isTransient);
    }

    @Override
    public boolean canHandle(TypedValue value) {
      return serializer.canHandle(value);
    }

    @Override
    public T convertToTypedValue(UntypedValueImpl untypedValue) {
      return serializer.convertToTypedValue(untypedValue);
    }

    @Override
    public String getSerializationDataformat() {
      return serializer.getSerializationDataformat();
    }

    @Override
    public boolean isMutableValue(T typedValue) {
      return serializer.isMutableValue(typedValue);
    }
  }

  /** An object value of a type outside the allow-list; a task completion turns it into a 400 (TaskCompletionGuard). */
  static final class TypeRefused extends BadUserRequestException {
    private static final long serialVersionUID = 1L;

    final String variable;

    TypeRefused(String variable, String message) {
      super(message);
      this.variable = variable;
    }
  }
}

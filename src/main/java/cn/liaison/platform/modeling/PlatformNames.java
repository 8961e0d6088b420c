package cn.liaison.platform.modeling;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.type.MethodMetadata;

/**
 * What a name in a model refers to: the platform's delegate and listener beans (allowed in
 * {@code camunda:delegateExpression="${name}"}), any other Spring bean or engine object (never allowed in
 * an expression), or else a process variable.
 *
 * <p>The delegate allow-list is read from the Spring context itself: every bean implementing
 * {@link JavaDelegate}, {@link TaskListener} or {@link ExecutionListener} that the platform declares in a
 * package under {@code cn.liaison.platform}. Adding a delegate to the code adds it to the list.
 */
class PlatformNames {

  static final String PLATFORM_PACKAGE = "cn.liaison.platform.";

  /** Names Camunda's expression resolver maps to engine objects before it looks at variables. */
  static final Set<String> ENGINE_OBJECTS = Set.of("execution", "task", "externalTask", "caseExecution");

  private final ConfigurableListableBeanFactory beans;
  private volatile SortedSet<String> delegates;

  PlatformNames(ConfigurableListableBeanFactory beans) {
    this.beans = beans;
  }

  /** The platform's delegate and listener beans, by name (computed once, from the bean definitions). */
  SortedSet<String> delegates() {
    SortedSet<String> result = delegates;
    if (result == null) {
      result = new TreeSet<>();
      for (Class<?> type : new Class<?>[] {JavaDelegate.class, TaskListener.class, ExecutionListener.class}) {
        for (String name : beans.getBeanNamesForType(type, true, false)) {
          if (declaredByPlatform(name)) {
            result.add(name);
          }
        }
      }
      delegates = result = java.util.Collections.unmodifiableSortedSet(result);
    }
    return result;
  }

  boolean isDelegate(String name) {
    return delegates().contains(name);
  }

  /** A Spring bean (or alias) an expression would reach, exactly as Camunda's ApplicationContextElResolver does. */
  boolean isBean(String name) {
    return beans.containsBean(name);
  }

  boolean isEngineObject(String name) {
    return ENGINE_OBJECTS.contains(name);
  }

  /** The class that declares the bean: the @Bean method's class, or the component's own class. */
  private boolean declaredByPlatform(String name) {
    if (!beans.containsBeanDefinition(name)) {
      Class<?> type = beans.getType(name, false);
      return type != null && type.getName().startsWith(PLATFORM_PACKAGE);
    }
    BeanDefinition definition = beans.getBeanDefinition(name);
    String origin = definition.getBeanClassName();
    if (definition instanceof AnnotatedBeanDefinition annotated) {
      MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
      if (factoryMethod != null) {
        origin = factoryMethod.getDeclaringClassName();
      }
    }
    if (origin == null) {
      Class<?> type = beans.getType(name, false);
      origin = type == null ? null : type.getName();
    }
    return origin != null && origin.startsWith(PLATFORM_PACKAGE);
  }
}

package cn.liaison.platform.modeling;

import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.factory.BeanFactory;

/**
 * The only Spring beans a running expression can reach: the platform's delegates and listeners, looked up when
 * an expression needs them. Every other bean ({@code identityService}, {@code dataSource} …) is unknown to
 * expressions, also in versions deployed before the deployment check existed.
 */
class DelegateBeans extends AbstractMap<Object, Object> {

  private final BeanFactory beanFactory;
  private final PlatformNames names;

  DelegateBeans(BeanFactory beanFactory, PlatformNames names) {
    this.beanFactory = beanFactory;
    this.names = names;
  }

  @Override
  public boolean containsKey(Object key) {
    return key instanceof String name && names.isDelegate(name);
  }

  @Override
  public Object get(Object key) {
    return containsKey(key) ? beanFactory.getBean((String) key) : null;
  }

  @Override
  public Set<Entry<Object, Object>> entrySet() {
    Set<Entry<Object, Object>> entries = new LinkedHashSet<>();
    names.delegates().forEach(name -> entries.add(new SimpleImmutableEntry<>(name, beanFactory.getBean(name))));
    return entries;
  }
}

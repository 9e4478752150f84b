import { Component, ReactNode } from 'react';
import i18n from '../i18n';

/** A screen that throws shows its error instead of a blank page. */
export class ErrorBoundary extends Component<
  { children: ReactNode; resetKey: string },
  { error: Error | null; key: string }
> {
  state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(
    props: { resetKey: string },
    state: { error: Error | null; key: string },
  ) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  render() {
    if (this.state.error)
      return (
        <div className="error" role="alert">
          <strong>{i18n.t('app.uiError')}</strong> — {this.state.error.message}
        </div>
      );
    return this.props.children;
  }
}

/** An act a sim agent takes, before it is written as an inbox block or a native tool call. */
export type SimAction =
  | {
      readonly kind: 'email';
      readonly to: readonly string[];
      readonly subject: string;
      readonly body: string;
    }
  | {
      readonly kind: 'forward';
      readonly emailId: number;
      readonly to: readonly string[];
      readonly body: string;
    }
  | { readonly kind: 'cancel_alert'; readonly code: string };

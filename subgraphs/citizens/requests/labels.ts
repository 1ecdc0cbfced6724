// How a request's kind reads in e-mails, in both channels.
export const kindLabels = (kind: 'QUESTION' | 'PETITION') =>
  kind === 'QUESTION' ? { kindVi: 'câu hỏi', kindEn: 'question' } : { kindVi: 'phản ánh, kiến nghị', kindEn: 'petition' };

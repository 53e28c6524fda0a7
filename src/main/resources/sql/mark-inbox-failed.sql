update inbox set status = 'failed', error = :#error where id = :#id
